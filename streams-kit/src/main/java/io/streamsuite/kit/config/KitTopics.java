package io.streamsuite.kit.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topics the kit adds to every service, declared once, and the internal topics a topology implies. A
 * service's {@code StreamsService.topics()} plus {@link #of(String, String)} is every topic it needs a KafkaTopic
 * (and an ACL) for; the implied ones Kafka Streams creates itself under the {@code <application-id>-} prefix.
 */
public final class KitTopics {

    /** Dead letters are kept two weeks: time to notice, fix and replay. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    /** A replay claim must stay readable until competing instances have seen it; compaction waits this long. */
    public static final Duration REPLAY_LOG_COMPACTION_LAG = Duration.ofHours(1);
    static final String REPLAY_LOG_SUFFIX = ".dlq-replays";
    /** Audit records are kept a year. */
    public static final Duration AUDIT_RETENTION = Duration.ofDays(365);
    static final String AUDIT_SUFFIX = ".audit";

    private KitTopics() {
    }

    public static TopicSpec deadLetter(String deadLetterTopic) {
        return TopicSpec.deadLetter(deadLetterTopic).withRetention(DEAD_LETTER_RETENTION);
    }

    /** Which dead letters were replayed, keyed by their DLQ position: compacted, one partition so claims are ordered. */
    public static TopicSpec replayLog(String applicationId) {
        return new TopicSpec(applicationId + REPLAY_LOG_SUFFIX, TopicSpec.Role.INTERNAL, true, 1)
                .withCompactionLag(REPLAY_LOG_COMPACTION_LAG);
    }

    /** REST replays, refusals and state changes (kit security's audit trail): one partition, so it reads in order. */
    public static TopicSpec auditTrail(String applicationId) {
        return TopicSpec.output(applicationId + AUDIT_SUFFIX).withPartitions(1).withRetention(AUDIT_RETENTION);
    }

    /** The kit's own topics for a service: its dead-letter topic, the replay log and the audit trail. */
    public static List<TopicSpec> of(String applicationId, String deadLetterTopic) {
        return List.of(deadLetter(deadLetterTopic), replayLog(applicationId), auditTrail(applicationId));
    }

    public static List<TopicSpec> of(StreamsKitProperties kit) {
        return of(kit.getApplicationId(), kit.resolvedDeadLetterTopic());
    }

    /** The service's topics and the kit's, in that order. */
    public static List<TopicSpec> all(List<TopicSpec> serviceTopics, StreamsKitProperties kit) {
        List<TopicSpec> all = new ArrayList<>(serviceTopics);
        all.addAll(of(kit));
        return all;
    }

    /** Changelog and repartition topics the topology implies (Kafka Streams creates them, prefixed by the id). */
    public static Set<String> implied(Topology topology, String applicationId) {
        Set<String> names = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> names.add(applicationId + "-" + store + "-changelog"));
                }
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null
                        && sink.topic().endsWith("-repartition")) {
                    names.add(applicationId + "-" + sink.topic());
                }
            }
        }
        return names;
    }
}
