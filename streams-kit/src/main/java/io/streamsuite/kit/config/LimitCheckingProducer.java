package io.streamsuite.kit.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams' producer, refusing itself what the broker would refuse ({@link TopicLimits}). Under exactly-once a
 * broker refusal turns the whole transaction abortable: Streams aborts, redoes the batch, meets the same refusal
 * and never gets past it. Refused here, the record goes to the production handler on the stream thread (so a
 * dead letter) and the transaction stays good.
 */
final class LimitCheckingProducer implements Producer<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(LimitCheckingProducer.class);

    private final Producer<byte[], byte[]> delegate;
    private final TopicLimits limits;
    private final String deadLetterTopic;
    private volatile boolean deadLetterMetadataKnown;

    LimitCheckingProducer(Producer<byte[], byte[]> delegate, TopicLimits limits, String deadLetterTopic) {
        this.delegate = delegate;
        this.limits = limits;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        knowDeadLetterTopic();
        Optional<ApiException> refusal = limits.refusal(record);
        if (refusal.isPresent()) {
            if (callback != null) {
                callback.onCompletion(null, refusal.get());
            }
            return CompletableFuture.failedFuture(refusal.get());
        }
        return delegate.send(record, callback);
    }

    /**
     * Loads the dead-letter topic's metadata from the stream thread: a dead letter for a send error is sent from
     * the producer's own I/O thread, which would otherwise wait max.block.ms for metadata only it can fetch.
     */
    private void knowDeadLetterTopic() {
        if (deadLetterMetadataKnown || deadLetterTopic == null) {
            return;
        }
        try {
            delegate.partitionsFor(deadLetterTopic);
            deadLetterMetadataKnown = true;
        } catch (RuntimeException e) {
            log.warn("No metadata for the dead-letter topic {} yet: {}", deadLetterTopic, e.toString());
        }
    }

    @Override
    public void initTransactions() {
        delegate.initTransactions();
    }

    @Override
    public void beginTransaction() {
        delegate.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
        delegate.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void commitTransaction() {
        delegate.commitTransaction();
    }

    @Override
    public void abortTransaction() {
        delegate.abortTransaction();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void close(Duration timeout) {
        delegate.close(timeout);
    }
}
