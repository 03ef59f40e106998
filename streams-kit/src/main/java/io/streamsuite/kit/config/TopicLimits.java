package io.streamsuite.kit.config;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker would refuse on the service's own topics, known before sending: a record larger than the
 * topic's {@code max.message.bytes} (or the producer's {@code max.request.size}), a record without a key for a
 * compacted topic. Read from the broker once at start-up.
 */
public final class TopicLimits {

    private static final Logger log = LoggerFactory.getLogger(TopicLimits.class);
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Integer> maxMessageBytes;
    private final Set<String> compacted;
    private final int maxRequestSize;

    TopicLimits(Map<String, Integer> maxMessageBytes, Set<String> compacted, int maxRequestSize) {
        this.maxMessageBytes = Map.copyOf(maxMessageBytes);
        this.compacted = Set.copyOf(compacted);
        this.maxRequestSize = maxRequestSize;
    }

    static TopicLimits none() {
        return new TopicLimits(Map.of(), Set.of(), Integer.MAX_VALUE);
    }

    /** The topics' limits as the broker has them; unknown (none) for topics it cannot describe. */
    static TopicLimits describe(Map<String, Object> clientProperties, Collection<String> topics) {
        Map<String, Integer> sizes = new HashMap<>();
        Set<String> compacted = new HashSet<>();
        List<ConfigResource> resources = topics.stream().distinct()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        long deadline = System.nanoTime() + DESCRIBE_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(clientProperties)) {
            admin.describeConfigs(resources).values().forEach((resource, future) -> {
                try {
                    Config config = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    ConfigEntry size = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    if (size != null && size.value() != null) {
                        sizes.put(resource.name(), Integer.parseInt(size.value()));
                    }
                    ConfigEntry cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                    if (cleanup != null && cleanup.value() != null && cleanup.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                        compacted.add(resource.name());
                    }
                } catch (Exception e) {
                    log.warn("Cannot read the limits of topic {} ({}); records to it are not checked before sending",
                            resource.name(), e.toString());
                }
            });
        }
        return new TopicLimits(sizes, compacted, Integer.MAX_VALUE);
    }

    /** The same limits for a producer that refuses records over {@code maxRequestSize} itself. */
    TopicLimits withMaxRequestSize(int maxRequestSize) {
        return new TopicLimits(maxMessageBytes, compacted, maxRequestSize);
    }

    /** Why the broker (or the producer itself) would refuse this record, or empty when it would not. */
    public Optional<ApiException> refusal(ProducerRecord<byte[], byte[]> record) {
        if (record.key() == null && compacted.contains(record.topic())) {
            return Optional.of(new InvalidRecordException("Topic " + record.topic()
                    + " is compacted and refuses a record without a key"));
        }
        int limit = Math.min(maxRequestSize, maxMessageBytes.getOrDefault(record.topic(), Integer.MAX_VALUE));
        if (limit == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                record.key(), record.value(), record.headers() == null ? null : record.headers().toArray());
        if (size > limit) {
            return Optional.of(new RecordTooLargeException("A record of " + size + " bytes for topic " + record.topic()
                    + " exceeds its limit of " + limit + " bytes (max.message.bytes / max.request.size)"));
        }
        return Optional.empty();
    }

    /** The smallest size limit among the known topics, for a producer batch that must fit any of them. */
    int smallestLimit() {
        return maxMessageBytes.values().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
    }
}
