package io.streamsuite.kit.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class RefusedPermissionsTest {

    private static final List<AclOperation> OUTPUT = List.of(AclOperation.DESCRIBE, AclOperation.WRITE);

    private static RefusedPermissions withBrokerSaying(Map<String, Set<AclOperation>> authorized) {
        return new RefusedPermissions("fraud-detector", topic -> OUTPUT, authorized::get);
    }

    @Test
    void namesTheOperationTheBrokerDoesNotAuthorizeOnTheRefusedTopic() {
        RefusedPermissions permissions = withBrokerSaying(Map.of("fraud.alerts",
                Set.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)));
        StreamsException failure = new StreamsException("Error encountered sending record to topic fraud.alerts",
                new TopicAuthorizationException(Set.of("fraud.alerts")));

        assertThat(permissions.explain(failure))
                .isEqualTo("Kafka refuses Write on topic fraud.alerts (TopicAuthorizationException)");
    }

    @Test
    void namesDescribeWhenTheBrokerRefusesEvenToDescribeTheTopic() {
        RefusedPermissions permissions = withBrokerSaying(Map.of());

        assertThat(permissions.refused(new TopicAuthorizationException(Set.of("payments.transactions"))))
                .contains(new RefusedPermission("Describe", "topic", "payments.transactions"));
    }

    @Test
    void namesGroupsAndTransactionalIdsFromTheExceptionAlone() {
        RefusedPermissions permissions = withBrokerSaying(Map.of());

        assertThat(permissions.explain(new StreamsException(new GroupAuthorizationException("no", "fraud-detector"))))
                .isEqualTo("Kafka refuses Read on group fraud-detector (GroupAuthorizationException)");
        assertThat(permissions.refused(new TransactionalIdAuthorizationException("no")))
                .contains(new RefusedPermission("Write", "transactionalId", "fraud-detector (prefix)"));
    }

    @Test
    void saysAuthenticationWhenTheCredentialsAreRefusedOnOneLine() {
        String line = withBrokerSaying(Map.of()).explain(new StreamsException(
                new SaslAuthenticationException("Authentication failed during authentication due to invalid\ncredentials")));

        assertThat(line).startsWith("Kafka refuses to authenticate this service (SaslAuthenticationException:")
                .doesNotContain("\n");
    }

    @Test
    void spellsOperationsAsAKafkaUserAclDoes() {
        assertThat(RefusedPermission.aclName(AclOperation.DESCRIBE_CONFIGS)).isEqualTo("DescribeConfigs");
        assertThat(RefusedPermission.aclName(AclOperation.IDEMPOTENT_WRITE)).isEqualTo("IdempotentWrite");
    }
}
