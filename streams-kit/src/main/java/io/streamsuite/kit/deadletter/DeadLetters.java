package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.json.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * This service's dead letters: browse them newest first, and replay chosen ones to their source
 * topic with their raw bytes unchanged. The REST controller is a thin shell over this class.
 */
public class DeadLetters implements AutoCloseable {

    public static final int MAX_LIMIT = 500;
    public static final int MAX_REPLAY_ENTRIES = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final long SEND_TIMEOUT_MS = 30_000;

    private final DeadLetterTopicReader reader;
    private final ReplayLog replayLog;
    private final Supplier<Producer<byte[], byte[]>> producerFactory;
    private final PayloadPreview preview;
    private final Redactor redactor;
    private final Clock clock;
    private Producer<byte[], byte[]> producer;

    DeadLetters(DeadLetterTopicReader reader, ReplayLog replayLog, Supplier<Producer<byte[], byte[]>> producerFactory,
                PayloadPreview preview, Redactor redactor, Clock clock) {
        this.reader = reader;
        this.replayLog = replayLog;
        this.producerFactory = producerFactory;
        this.preview = preview;
        this.redactor = redactor;
        this.clock = clock;
    }

    public String topic() {
        return reader.topic();
    }

    /** Up to {@code limit} dead letters older than {@code before} (null: the newest), newest first. */
    public DeadLetterPage page(int limit, String before) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DeadLetterProblem.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        PageCursor cursor = before == null || before.isBlank() ? null : PageCursor.parse(before);
        DeadLetterTopicReader.Batch batch = reader.newest(cursor, limit);
        Map<String, ReplayMark> replays = replayLog.readAll();
        Previews previews = new Previews(preview);
        List<DeadLetterEntry> entries = batch.records().stream()
                .map(record -> entry(record, replays.get(record.partition() + "/" + record.offset()), previews))
                .toList();
        return new DeadLetterPage(reader.topic(), entries, batch.next() == null ? null : batch.next().encode());
    }

    /**
     * Re-produces each chosen dead letter to its recorded source topic. All entries must exist (else 404
     * and nothing is replayed); if every one was replayed before and {@code force} is off, 409.
     */
    public synchronized List<ReplayResult> replay(ReplayRequest request) {
        List<ReplayRequest.EntryRef> refs = validate(request);
        Map<String, ConsumerRecord<byte[], byte[]>> found = new LinkedHashMap<>();
        List<ReplayRequest.EntryRef> missing = new ArrayList<>();
        for (ReplayRequest.EntryRef ref : refs) {
            reader.read(ref.partition(), ref.offset()).ifPresentOrElse(
                    record -> found.put(ref.key(), record), () -> missing.add(ref));
        }
        if (!missing.isEmpty()) {
            throw DeadLetterProblem.notFound("No dead letter at " + missing.stream().map(ReplayRequest.EntryRef::key).toList()
                    + " in " + reader.topic() + "; nothing was replayed", missing);
        }
        ReplayLog.Snapshot replays = replayLog.read();
        String claimId = UUID.randomUUID().toString();
        List<ReplayResult> results = new ArrayList<>();
        for (Map.Entry<String, ConsumerRecord<byte[], byte[]>> entry : found.entrySet()) {
            results.add(replayOne(entry.getKey(), entry.getValue(), replays, claimId, request.forced()));
        }
        if (results.stream().allMatch(result -> result.outcome() == ReplayResult.Outcome.ALREADY_REPLAYED)) {
            throw DeadLetterProblem.alreadyReplayed("Every chosen dead letter was replayed before; "
                    + "send \"force\": true to replay again", results);
        }
        return results;
    }

    private ReplayResult replayOne(String key, ConsumerRecord<byte[], byte[]> record, ReplayLog.Snapshot replays,
                                   String claimId, boolean force) {
        ReplayMark previous = replays.marks().get(key);
        Headers headers = record.headers();
        String sourceTopic = DeadLetterHeader.SOURCE_TOPIC.read(headers);
        DeadLetterHeader.Payload payload = DeadLetterHeader.Payload.fromTag(DeadLetterHeader.PAYLOAD.read(headers));
        if (sourceTopic == null || sourceTopic.isBlank() || payload != DeadLetterHeader.Payload.SOURCE) {
            return new ReplayResult(record.partition(), record.offset(), ReplayResult.Outcome.NOT_REPLAYABLE, sourceTopic,
                    null, null, "This dead letter holds " + payload.tag() + " bytes, not the source record's");
        }
        if (previous != null && !force) {
            return new ReplayResult(record.partition(), record.offset(), ReplayResult.Outcome.ALREADY_REPLAYED, sourceTopic,
                    previous.target(), previous.replayedAt(), "Replayed before; send \"force\": true to replay again");
        }
        Instant now = clock.instant();
        Headers replayHeaders = new RecordHeaders();
        for (Header header : headers) {
            if (!DeadLetterHeader.isBookkeeping(header.key())) {
                replayHeaders.add(header.key(), header.value());
            }
        }
        DeadLetterHeader.REPLAY_OF.write(replayHeaders, reader.topic() + "/" + key);
        DeadLetterHeader.REPLAY_AT.write(replayHeaders, now.toString());
        Producer<byte[], byte[]> sender = producer();
        // Remember before sending: a claim first, and only the first claim since our read may send.
        RecordMetadata claim = replayLog.claim(sender, key, claimId, now);
        if (!replayLog.won(replays, key, claim)) {
            return new ReplayResult(record.partition(), record.offset(), ReplayResult.Outcome.ALREADY_REPLAYED, sourceTopic,
                    null, now, "Another replay of this dead letter got there first");
        }
        Integer partition = sourcePartition(sender, sourceTopic, DeadLetterHeader.SOURCE_PARTITION.read(headers));
        Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
        RecordMetadata sent;
        try {
            sent = send(sender, new ProducerRecord<>(sourceTopic, partition, timestamp, record.key(), record.value(),
                    replayHeaders));
        } catch (DeadLetterProblem failed) {
            replayLog.release(sender, key, previous);
            throw failed;
        }
        String target = sent.topic() + "/" + sent.partition() + "/" + sent.offset();
        replayLog.remember(sender, key, new ReplayMark(now, target));
        log.info("Replayed dead letter {}/{} to {}{}", reader.topic(), key, target, previous != null ? " (forced)" : "");
        return new ReplayResult(record.partition(), record.offset(), ReplayResult.Outcome.REPLAYED, sourceTopic, target,
                now, previous != null ? "Replayed again (forced); first replayed at " + previous.replayedAt() : null);
    }

    private static List<ReplayRequest.EntryRef> validate(ReplayRequest request) {
        if (request == null || request.entries() == null || request.entries().isEmpty()) {
            throw DeadLetterProblem.badRequest("Name at least one dead letter: {\"entries\":[{\"partition\":0,\"offset\":12}]}");
        }
        if (request.entries().size() > MAX_REPLAY_ENTRIES) {
            throw DeadLetterProblem.badRequest("At most " + MAX_REPLAY_ENTRIES + " entries per replay, got "
                    + request.entries().size());
        }
        Map<String, ReplayRequest.EntryRef> distinct = new LinkedHashMap<>();
        for (ReplayRequest.EntryRef ref : request.entries()) {
            if (ref == null || ref.partition() == null || ref.offset() == null || ref.partition() < 0 || ref.offset() < 0) {
                throw DeadLetterProblem.badRequest("Each entry needs a partition and an offset, both >= 0: " + ref);
            }
            distinct.putIfAbsent(ref.key(), ref);
        }
        return List.copyOf(distinct.values());
    }

    /** The recorded source partition while the topic still has it; else let the partitioner choose by key. */
    private static Integer sourcePartition(Producer<byte[], byte[]> producer, String topic, String recorded) {
        try {
            int partition = Integer.parseInt(recorded);
            return partition >= 0 && partition < producer.partitionsFor(topic).size() ? partition : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static RecordMetadata send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw DeadLetterProblem.unavailable("Could not replay to " + record.topic() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw DeadLetterProblem.unavailable("Timed out replaying to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeadLetterProblem.unavailable("Interrupted while replaying", e);
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = producerFactory.get();
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private DeadLetterEntry entry(ConsumerRecord<byte[], byte[]> record, ReplayMark replay, Previews previews) {
        Headers headers = record.headers();
        Map<String, String> decoded = new LinkedHashMap<>();
        for (Header header : headers) {
            decoded.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String sourceTopic = DeadLetterHeader.SOURCE_TOPIC.read(headers);
        DeadLetterHeader.Payload payload = DeadLetterHeader.Payload.fromTag(DeadLetterHeader.PAYLOAD.read(headers));
        return new DeadLetterEntry(
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                Instant.ofEpochMilli(DeadLetterTopicReader.failedAt(record)),
                DeadLetterHeader.REASON.read(headers),
                DeadLetterHeader.EXCEPTION.read(headers),
                DeadLetterHeader.MESSAGE.read(headers),
                sourceTopic,
                parseInt(DeadLetterHeader.SOURCE_PARTITION.read(headers)),
                parseLong(DeadLetterHeader.SOURCE_OFFSET.read(headers)),
                DeadLetterHeader.APPLICATION_ID.read(headers),
                DeadLetterHeader.PROCESSOR_NODE.read(headers),
                DeadLetterHeader.TASK_ID.read(headers),
                payload.tag(),
                decoded,
                // With sensitive fields configured the raw bytes stay hidden; replay works by offset, not by bytes.
                redactor.active() ? null : base64(record.key()),
                redactor.active() ? null : base64(record.value()),
                redactor.redact(previews.of(sourceTopic, record.key())),
                redactor.redact(previews.of(sourceTopic, record.value())),
                replay != null,
                replay);
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static Integer parseInt(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Previews for one page: after the registry fails once, the rest of the page goes without, so a page never hangs on it. */
    private static final class Previews {
        private final PayloadPreview preview;
        private boolean registryFailed;

        Previews(PayloadPreview preview) {
            this.preview = preview;
        }

        JsonNode of(String topic, byte[] bytes) {
            if (bytes == null || bytes.length < 5 || bytes[0] != 0 || registryFailed) {
                return null;
            }
            try {
                return preview.preview(topic, bytes);
            } catch (Exception e) {
                if (TransientFailures.isTransient(e)) {
                    registryFailed = true;
                    log.warn("Schema registry unavailable; dead-letter previews left out: {}", e.toString());
                }
                return null;
            }
        }
    }
}
