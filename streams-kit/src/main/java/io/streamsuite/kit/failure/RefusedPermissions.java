package io.streamsuite.kit.failure;

import io.streamsuite.kit.serde.SchemaRegistryAccessDeniedException;
import io.streamsuite.kit.serde.SchemaRegistryUntrustedException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * Turns an authentication or authorization failure into one line that names what is missing. Kafka's
 * exceptions name the resource but not the operation ("Not authorized to access topics: [x]"), so for a topic
 * the broker is asked what this client may do there ({@code describeTopics} with authorized operations) and
 * the first operation the service needs but lacks is named: {@code Kafka refuses Write on topic x}.
 */
public final class RefusedPermissions {

    /** What the broker lets this client do on a topic; null when it refuses even to describe the topic. */
    @FunctionalInterface
    public interface TopicProbe {
        Set<AclOperation> authorizedOn(String topic) throws Exception;
    }

    private final String applicationId;
    private final Function<String, List<AclOperation>> neededOnTopic;
    private final TopicProbe probe;

    /** {@code neededOnTopic}: what the service's stream threads do with a topic, in the order to check. */
    public RefusedPermissions(String applicationId, Function<String, List<AclOperation>> neededOnTopic, TopicProbe probe) {
        this.applicationId = applicationId;
        this.neededOnTopic = neededOnTopic;
        this.probe = probe;
    }

    /** Asks the broker with an admin client of these settings (the service's own credentials). */
    public static TopicProbe askingTheBroker(Map<String, Object> clientProperties, Duration timeout) {
        return topic -> {
            try (Admin admin = Admin.create(clientProperties)) {
                TopicDescription description = admin.describeTopics(List.of(topic),
                                new DescribeTopicsOptions().includeAuthorizedOperations(true)
                                        .timeoutMs((int) timeout.toMillis()))
                        .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (description.authorizedOperations() == null) {
                    throw new IllegalStateException("the broker did not say which operations are authorized");
                }
                return description.authorizedOperations();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    return null;
                }
                throw e;
            }
        };
    }

    /** The permission the failure was refused, when it is an authorization failure and the broker tells. */
    public Optional<RefusedPermission> refused(Throwable failure) {
        AuthorizationException refusal = first(failure, AuthorizationException.class);
        if (refusal instanceof TopicAuthorizationException topics) {
            for (String topic : new TreeSet<>(topics.unauthorizedTopics())) {
                Optional<RefusedPermission> missing = missingOn(topic);
                if (missing.isPresent()) {
                    return missing;
                }
            }
            return Optional.empty();
        }
        if (refusal instanceof GroupAuthorizationException group) {
            String groupId = group.groupId() != null ? group.groupId() : applicationId;
            return Optional.of(RefusedPermission.of(AclOperation.READ, "group", groupId));
        }
        if (refusal instanceof TransactionalIdAuthorizationException) {
            // Exactly-once transactional ids are "<application.id>-<process id>-<n>": a prefix ACL grants them.
            return Optional.of(RefusedPermission.of(AclOperation.WRITE, "transactionalId", applicationId + " (prefix)"));
        }
        return Optional.empty();
    }

    /** One line for the log: what was refused and by which exception, never a stack trace. */
    public String explain(Throwable failure) {
        SchemaRegistryUntrustedException untrusted = first(failure, SchemaRegistryUntrustedException.class);
        if (untrusted != null) {
            return oneLine(untrusted.getMessage());
        }
        SchemaRegistryAccessDeniedException denied = first(failure, SchemaRegistryAccessDeniedException.class);
        if (denied != null) {
            return oneLine(denied.getMessage()) + ": check the registry credentials (basic.auth.user.info or bearer.auth.token)";
        }
        AuthenticationException authentication = first(failure, AuthenticationException.class);
        if (authentication != null) {
            return "Kafka refuses to authenticate this service (" + summary(authentication)
                    + "): check its SASL/TLS settings and credentials";
        }
        AuthorizationException refusal = first(failure, AuthorizationException.class);
        if (refusal == null) {
            return failure.toString();
        }
        Optional<RefusedPermission> permission = refused(failure);
        if (permission.isPresent()) {
            return "Kafka refuses " + permission.get() + " (" + refusal.getClass().getSimpleName() + ")";
        }
        if (refusal instanceof ClusterAuthorizationException) {
            return "Kafka refuses an operation on the cluster (" + summary(refusal) + ")";
        }
        return "Kafka refuses an operation (" + summary(refusal) + ")";
    }

    private Optional<RefusedPermission> missingOn(String topic) {
        Set<AclOperation> authorized;
        try {
            authorized = probe.authorizedOn(topic);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (authorized == null) {
            return Optional.of(RefusedPermission.of(AclOperation.DESCRIBE, "topic", topic));
        }
        if (authorized.contains(AclOperation.ALL)) {
            return Optional.empty();
        }
        return neededOnTopic.apply(topic).stream().filter(operation -> !authorized.contains(operation)).findFirst()
                .map(operation -> RefusedPermission.of(operation, "topic", topic));
    }

    private static String summary(Throwable failure) {
        String message = failure.getMessage();
        return oneLine(failure.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ");
    }

    private static <T extends Throwable> T first(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
