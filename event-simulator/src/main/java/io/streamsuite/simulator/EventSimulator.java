package io.streamsuite.simulator;

import io.streamsuite.schemas.payments.Transaction;
import io.streamsuite.simulator.event.DomainGenerator;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimEvent;
import io.streamsuite.simulator.iot.IotGenerator;
import io.streamsuite.simulator.payments.PaymentsGenerator;
import io.streamsuite.simulator.send.BoundedSender;
import io.streamsuite.simulator.send.PoisonKind;
import io.streamsuite.simulator.send.RateLimiter;
import io.streamsuite.simulator.send.RecordEncoder;
import io.streamsuite.simulator.send.SendStats;
import io.streamsuite.simulator.send.TopicCreator;
import io.streamsuite.simulator.shop.ShopGenerator;
import io.streamsuite.simulator.web.WebGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The simulator's runner: creates the input topics, sends each domain's reference data, then the stream events of
 * all chosen domains merged by event time, at the target rate, with poison records mixed in; prints a progress
 * line every few seconds and a summary at the end. Use {@link #run(SimulatorOptions, PrintStream)} as a library,
 * or the command line ({@link #main}).
 */
public final class EventSimulator {

    /** Exit code when a send failed. */
    public static final int EXIT_SEND_FAILED = 1;
    /** Exit code for bad command-line options. */
    public static final int EXIT_BAD_OPTIONS = 2;

    private final SimulatorOptions options;
    private final PrintStream out;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public EventSimulator(SimulatorOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** The command line without {@code System.exit}: returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        SimulatorOptions options;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                out.println(SimulatorOptions.USAGE);
                return 0;
            }
            options = SimulatorOptions.parse(args);
        } catch (BadOptionsException e) {
            err.println("event-simulator: " + e.getMessage());
            err.println(SimulatorOptions.USAGE);
            return EXIT_BAD_OPTIONS;
        }
        EventSimulator simulator = new EventSimulator(options, out);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.stop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "event-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SimulationSummary summary = simulator.run();
            out.print(summary.render());
            return summary.hasErrors() ? EXIT_SEND_FAILED : 0;
        } catch (RuntimeException e) {
            err.println("event-simulator: " + e.getMessage());
            return EXIT_SEND_FAILED;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is waiting for us
            }
        }
    }

    /** Runs with the given options, printing progress to {@code out}, and returns the summary. */
    public static SimulationSummary run(SimulatorOptions options, PrintStream out) {
        return new EventSimulator(options, out).run();
    }

    /** The generators of a run, in the order of {@code domains}. Benchmarks may also build a single one directly. */
    public static List<DomainGenerator> generators(List<String> domains, GeneratorSettings settings) {
        List<DomainGenerator> generators = new ArrayList<>();
        for (String domain : domains) {
            generators.add(switch (domain) {
                case PaymentsGenerator.DOMAIN -> new PaymentsGenerator(settings);
                case WebGenerator.DOMAIN -> new WebGenerator(settings);
                case ShopGenerator.DOMAIN -> new ShopGenerator(settings);
                case IotGenerator.DOMAIN -> new IotGenerator(settings);
                default -> throw new IllegalArgumentException("unknown domain " + domain);
            });
        }
        return generators;
    }

    /** Asks a running simulation to stop after the record in hand; it then drains and returns its summary. */
    public void stop() {
        stopRequested.set(true);
    }

    public SimulationSummary run() {
        Instant start = options.start() != null ? options.start() : Instant.now();
        List<DomainGenerator> generators = generators(options.domains(), options.generatorSettings(start));
        Map<String, Object> client = new HashMap<>();
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        if (options.createTopics()) {
            Set<String> topics = new LinkedHashSet<>();
            for (DomainGenerator g : generators) {
                topics.add(g.streamTopic());
                if (g.referenceTopic() != null) {
                    topics.add(g.referenceTopic());
                }
                // A domain may send reference data to more than one topic (payments: rates and profiles).
                g.referenceData().forEach(event -> topics.add(event.topic()));
            }
            List<String> created = TopicCreator.createMissing(client, topics, options.partitions(), options.replicationFactor());
            if (!created.isEmpty()) {
                out.println("event-simulator: created topics " + created);
            }
        }
        RecordEncoder encoder = RecordEncoder.forRegistry(options.schemaRegistryUrl(), Map.of());
        SendStats stats = new SendStats();
        long startNanos = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(client),
                new ByteArraySerializer(), new ByteArraySerializer());
             IdsWriter ids = new IdsWriter(options)) {
            BoundedSender sender = new BoundedSender(producer, options.maxInFlight());
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "event-simulator-progress");
                t.setDaemon(true);
                return t;
            });
            Progress line = new Progress(stats, sender, startNanos);
            long every = options.progressInterval().toMillis();
            progress.scheduleAtFixedRate(() -> out.println(line.next()), every, every, TimeUnit.MILLISECONDS);
            try {
                for (DomainGenerator g : generators) {
                    for (SimEvent event : g.referenceData()) {
                        send(sender, encoder, stats, ids, event, null, null);
                    }
                }
                // Reference data first: a profile or registration must be in its topic before the events using it.
                sender.drain(Duration.ofMinutes(2));
                streamEvents(generators, sender, encoder, stats, ids);
                if (!sender.drain(Duration.ofMinutes(2))) {
                    out.println("event-simulator: " + sender.inFlight() + " sends still unanswered after 2 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                progress.shutdownNow();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            return new SimulationSummary(stats.byDomain(), stats.byTopic(), stats.total(), elapsed,
                    sender.maxObservedInFlight(), sender.maxInFlight(), ids.written());
        }
    }

    private void streamEvents(List<DomainGenerator> generators, BoundedSender sender, RecordEncoder encoder,
                              SendStats stats, IdsWriter ids) throws InterruptedException {
        RateLimiter limiter = new RateLimiter(options.rate());
        SplittableRandom poisonRandom = new SplittableRandom(options.seed() ^ 0x5EED_0F_B0_150AL);
        PoisonKind[] kinds = PoisonKind.values();
        long poisonSent = 0;
        SimEvent[] peeked = new SimEvent[generators.size()];
        for (int i = 0; i < peeked.length; i++) {
            peeked[i] = generators.get(i).next();
        }
        long deadline = options.duration() == null ? Long.MAX_VALUE : System.nanoTime() + options.duration().toNanos();
        long limit = options.count() == null ? Long.MAX_VALUE : options.count();
        for (long n = 0; n < limit && !stopRequested.get() && System.nanoTime() < deadline; n++) {
            int pick = 0;
            for (int i = 1; i < peeked.length; i++) {
                if (peeked[i].eventTimeMs() < peeked[pick].eventTimeMs()) {
                    pick = i;
                }
            }
            SimEvent event = peeked[pick];
            peeked[pick] = generators.get(pick).next();
            PoisonKind poison = options.poisonShare() > 0 && poisonRandom.nextDouble() < options.poisonShare()
                    ? kinds[(int) (poisonSent++ % kinds.length)] : null;
            limiter.acquire();
            send(sender, encoder, stats, ids, event, poison, poisonRandom);
        }
    }

    private void send(BoundedSender sender, RecordEncoder encoder, SendStats stats, IdsWriter ids, SimEvent event,
                      PoisonKind poison, SplittableRandom poisonRandom) throws InterruptedException {
        SendStats.Counters counters = stats.topic(event.domain(), event.topic());
        byte[] value;
        try {
            value = encoder.value(event.topic(), event.value());
        } catch (RuntimeException e) {
            stats.failed(counters);
            line("could not serialize a " + event.value().getSchema().getName() + " for " + event.topic() + ": " + e.getMessage());
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        if (poison != null) {
            value = poison.make(value, poisonRandom);
            headers.add(new RecordHeader(PoisonKind.HEADER, poison.name().getBytes(StandardCharsets.UTF_8)));
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(event.topic(), null, event.eventTimeMs(),
                encoder.key(event.key()), value, headers);
        String transactionId = poison == null && event.value() instanceof Transaction tx ? tx.getTransactionId() : null;
        sender.send(record, result -> {
            if (!result.ok()) {
                stats.failed(counters);
                line("send to " + event.topic() + " failed: " + result.exception());
            } else if (poison != null) {
                stats.sentPoison(counters, poison);
            } else if (event.kind() == SimEvent.Kind.LATE) {
                stats.sentLate(counters);
            } else if (event.kind() == SimEvent.Kind.OUT_OF_ORDER) {
                stats.sentOutOfOrder(counters);
            } else if (event.isFraud()) {
                stats.sentFraud(counters);
            } else {
                stats.sent(counters);
            }
            if (result.ok() && transactionId != null) {
                ids.write(transactionId);
            }
        });
    }

    private final AtomicLong errorLines = new AtomicLong();

    /** Error lines, but not thousands of them when the broker is down. */
    private void line(String message) {
        long n = errorLines.incrementAndGet();
        if (n <= 20) {
            out.println("event-simulator: " + message);
        } else if (n == 21) {
            out.println("event-simulator: more errors; see the counts in the progress lines and the summary");
        }
    }

    private Map<String, Object> producerConfig(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "event-simulator");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The semaphore bounds what is buffered; the buffer only needs room for that many records (~2 KB each at most).
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(8L << 20, options.maxInFlight() * 2048L));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return config;
    }

    /** The progress line: totals, rate since the last line, errors and in-flight sends. */
    private static final class Progress {
        private final SendStats stats;
        private final BoundedSender sender;
        private final long startNanos;
        private long lastSent;
        private long lastNanos;

        Progress(SendStats stats, BoundedSender sender, long startNanos) {
            this.stats = stats;
            this.sender = sender;
            this.startNanos = startNanos;
            this.lastNanos = startNanos;
        }

        String next() {
            SendStats.Tally total = stats.total();
            long now = System.nanoTime();
            double rate = (total.sent() - lastSent) / Math.max(0.001, (now - lastNanos) / 1e9);
            lastSent = total.sent();
            lastNanos = now;
            return String.format("event-simulator: %6.1fs sent=%d rate=%.1f/s errors=%d in-flight=%d poison=%d late=%d out-of-order=%d fraud=%d",
                    (now - startNanos) / 1e9, total.sent(), rate, total.errors(), sender.inFlight(), total.poisonTotal(),
                    total.late(), total.outOfOrder(), total.fraud());
        }
    }

    /** Writes the id of every acknowledged transaction, one a line, for exactly-once checks. */
    private static final class IdsWriter implements AutoCloseable {
        private final BufferedWriter writer;
        private long written;

        IdsWriter(SimulatorOptions options) {
            try {
                this.writer = options.idsFile() == null ? null : Files.newBufferedWriter(options.idsFile(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --ids-file " + options.idsFile() + ": " + e.getMessage(), e);
            }
        }

        synchronized void write(String id) {
            if (writer == null) {
                return;
            }
            try {
                writer.write(id);
                writer.newLine();
                written++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized long written() {
            return written;
        }

        @Override
        public synchronized void close() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
