package io.streamsuite.kit.reset;

import io.streamsuite.kit.config.StreamsConfigFactory;
import io.streamsuite.kit.config.StreamsKitProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Resets a stopped service so it reprocesses its input: what Kafka's {@link StreamsResetter} does
 * (input offsets to the earliest or to a time, the application's internal topics deleted), run by
 * the resetter itself, plus what it leaves to the user: wiping this machine's local state. Input
 * topics are those the application's consumer group has committed offsets for, so nothing needs
 * naming. Output topics are left alone: reprocessing writes to them again.
 */
public final class StreamsReset {

    private static final DateTimeFormatter RESETTER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    /** {@code toDatetime} null: to the earliest offsets. */
    public record Request(Instant toDatetime) {
        public static Request toEarliest() {
            return new Request(null);
        }
    }

    /** What the reset did: offsets now committed per input partition, topics deleted, state wiped. */
    public record Report(String applicationId, Instant toDatetime, Map<TopicPartition, Long> inputOffsets,
                         List<String> deletedInternalTopics, Path wipedStateDir) {

        public String describe() {
            StringBuilder text = new StringBuilder("Reset of application '" + applicationId + "':\n");
            if (inputOffsets.isEmpty()) {
                text.append("  no committed input offsets (the group has not consumed yet): nothing to rewind\n");
            } else {
                text.append("  input offsets set to ").append(toDatetime == null ? "the earliest" : "the first record at or after " + toDatetime)
                        .append(":\n");
                inputOffsets.forEach((partition, offset) -> text.append("    ").append(partition).append(" -> ").append(offset).append('\n'));
            }
            text.append(deletedInternalTopics.isEmpty() ? "  no internal topics to delete\n"
                    : "  internal topics deleted: " + String.join(", ", deletedInternalTopics) + "\n");
            text.append(wipedStateDir == null ? "  no local state on this machine\n" : "  local state wiped: " + wipedStateDir + "\n");
            text.append("  output topics left as they are; the next start reprocesses into them");
            return text.toString();
        }
    }

    /** The group still has members: resetting under a running instance would corrupt its state. */
    public static final class GroupStillActiveException extends RuntimeException {
        public GroupStillActiveException(String message) {
            super(message);
        }
    }

    private final StreamsKitProperties kit;

    public StreamsReset(StreamsKitProperties kit) {
        if (kit.getApplicationId() == null || kit.getApplicationId().isBlank()
                || kit.getBootstrapServers() == null || kit.getBootstrapServers().isBlank()) {
            throw new IllegalArgumentException("set streams-kit.application-id and streams-kit.bootstrap-servers to reset");
        }
        this.kit = kit;
    }

    public Report run(Request request) {
        String applicationId = kit.getApplicationId();
        Map<String, Object> client = StreamsConfigFactory.clientProperties(kit);
        try (Admin admin = Admin.create(client)) {
            refuseWhileActive(admin, applicationId);
            Set<String> inputTopics = committedInputTopics(admin, applicationId);
            List<String> internalTopics = internalTopics(admin, applicationId);

            int exit = new StreamsResetter().execute(resetterArguments(kit.getBootstrapServers(), applicationId, inputTopics, request), asProperties(client));
            if (exit != 0) {
                throw new IllegalStateException("Kafka's StreamsResetter failed for '" + applicationId + "' (exit " + exit
                        + "); see its output above. Nothing was wiped locally.");
            }
            Path stateDir = wipeLocalState(applicationId);
            return new Report(applicationId, request.toDatetime(), committedOffsets(admin, applicationId, inputTopics),
                    internalTopics, stateDir);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the group or topics of '" + applicationId + "': " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void refuseWhileActive(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        ConsumerGroupDescription group;
        try {
            group = admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw e;
        }
        if (!group.members().isEmpty()) {
            List<String> members = group.members().stream()
                    .map(member -> member.consumerId() + " (" + member.host() + ")")
                    .sorted().toList();
            throw new GroupStillActiveException("Refusing to reset '" + applicationId + "': its consumer group still has "
                    + members.size() + " member(s): " + String.join(", ", members)
                    + ". Stop every instance (and wait for their sessions to expire) first. Nothing was changed.");
        }
    }

    private static Set<String> committedInputTopics(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Set<String> existing = admin.listTopics().names().get();
        Set<String> topics = new TreeSet<>();
        committed.keySet().forEach(partition -> {
            String topic = partition.topic();
            if (!topic.startsWith(applicationId + "-") && existing.contains(topic)) {
                topics.add(topic);
            }
        });
        return topics;
    }

    private static List<String> internalTopics(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        return admin.listTopics().names().get().stream()
                .filter(topic -> topic.startsWith(applicationId + "-") && StreamsResetter.matchesInternalTopicFormat(topic))
                .sorted().toList();
    }

    private static String[] resetterArguments(String bootstrapServers, String applicationId, Set<String> inputTopics, Request request) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrapServers, "--application-id", applicationId));
        if (!inputTopics.isEmpty()) {
            args.add("--input-topics");
            args.add(String.join(",", inputTopics));
            if (request.toDatetime() == null) {
                args.add("--to-earliest");
            } else {
                args.add("--to-datetime");
                args.add(RESETTER_TIME.format(request.toDatetime()));
            }
        }
        return args.toArray(String[]::new);
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String applicationId, Set<String> inputTopics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
            if (inputTopics.contains(partition.topic()) && offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** {@code <state.dir>/<application.id>}, as Kafka Streams' cleanUp() would remove it. */
    private Path wipeLocalState(String applicationId) {
        String stateDir = (String) StreamsConfigFactory.streamsProperties(kit, "localhost:0", List.of())
                .get(StreamsConfig.STATE_DIR_CONFIG);
        Path dir = Path.of(stateDir, applicationId);
        if (!Files.exists(dir)) {
            return null;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not wipe the local state in " + dir, e);
        }
        return dir;
    }

    private static Properties asProperties(Map<String, Object> client) {
        Properties properties = new Properties();
        client.forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return properties;
    }
}
