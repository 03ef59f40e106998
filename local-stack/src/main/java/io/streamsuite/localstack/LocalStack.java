package io.streamsuite.localstack;

import io.streamsuite.kit.test.ApicurioRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The README's run command: a Kafka broker, the registry, every service and the simulator, each in
 * its own process, on a laptop without Docker. Ctrl-C stops them all, newest first.
 */
public final class LocalStack {

    private static final String TRANSACTIONS_TOPIC = "payments.transactions";

    private final LocalStackOptions options;
    private final List<Runnable> stops = new ArrayList<>();
    private KafkaBrokerProcess broker;
    private ApicurioRegistry registry;
    private final List<ServiceProcess> services = new ArrayList<>();
    private ChildProcess simulator;
    private SuiteOverview overview;

    private LocalStack(LocalStackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local stack: " + e.getMessage());
            System.err.println(LocalStackOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stopAll();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.startAll();
            stack.report();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("local stack: could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    private void startAll() {
        checkPortsFree();
        Path data = options.dataDir().toAbsolutePath();
        resetDataDir(data);
        say("data and logs under " + data);

        say("starting Kafka broker (KRaft) on localhost:" + options.kafkaPort() + " ...");
        broker = new KafkaBrokerProcess(data.resolve("kafka"), options.kafkaPort(), options.controllerPort(), "1g");
        stops.add(broker::stop);
        broker.start();

        say("starting Apicurio Registry on localhost:" + options.registryPort() + " ...");
        registry = ApicurioRegistry.startOn(options.registryPort(), data.resolve("logs").resolve("registry.log"));
        stops.add(registry::close);
        registry.awaitReady();

        for (SuiteService service : SuiteService.all(options.servicePort())) {
            say("starting " + service.name() + " on localhost:" + service.port() + " ...");
            ServiceProcess process = ServiceProcess.start(service, options.repoRoot(), data, broker.bootstrapServers(),
                    registry.confluentApiUrl(), Map.of());
            services.add(process);
            stops.add(process::close);
        }
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofMinutes(3));
            say(service.service().name() + " is ready");
        }

        if (options.simulatorRate() > 0) {
            say("starting the event simulator at " + options.simulatorRate() + " events/s ...");
            Path jar = ServiceProcess.bootJar(options.repoRoot(), "event-simulator");
            simulator = ChildProcess.start("event-simulator", List.of(Java.binary(), "-Xmx256m", "-jar", jar.toString(),
                            "--bootstrap-servers=" + broker.bootstrapServers(),
                            "--schema-registry-url=" + registry.confluentApiUrl(),
                            "--rate=" + options.simulatorRate(), "--duration=" + options.simulatorDuration(),
                            "--seed=" + options.seed()),
                    Map.of(), options.repoRoot(), data.resolve("logs").resolve("event-simulator.log"));
            stops.add(() -> simulator.stop(10));
        }
        overview = SuiteOverview.start(options.overviewPort(), this::parts);
        stops.add(overview::close);
    }

    /** What the overview page lists: the same probes as the health line. */
    private List<SuiteOverview.Part> parts() {
        List<SuiteOverview.Part> parts = new ArrayList<>();
        parts.add(new SuiteOverview.Part("Kafka " + broker.bootstrapServers(), broker.isAlive() ? "UP" : "DOWN", null));
        parts.add(new SuiteOverview.Part("schema registry", registry.isAlive() ? "UP" : "DOWN", registry.confluentApiUrl() + "/subjects"));
        String token = DevTokens.in(options.dataDir().toAbsolutePath()).token();
        for (ServiceProcess service : services) {
            ServiceProcess.Liveness liveness = service.liveness();
            parts.add(new SuiteOverview.Part(service.service().name(), readinessText(service.readiness()),
                    liveness.streamsState(), liveness.status(), service.baseUrl() + "/", service.baseUrl() + "/#token=" + token));
        }
        if (simulator != null) {
            parts.add(new SuiteOverview.Part("event simulator", simulator.isAlive() ? "running" : "finished", null));
        }
        return parts;
    }

    private static String readinessText(int status) {
        return status == 200 ? "READY" : status < 0 ? "DOWN" : "NOT READY (" + status + ")";
    }

    private void report() {
        say("");
        say("Everything is up. Query it:");
        say("  Kafka             " + broker.bootstrapServers());
        say("  Schema registry   " + registry.confluentApiUrl() + "/subjects");
        DevTokens tokens = DevTokens.in(options.dataDir().toAbsolutePath());
        say("  A development token (both scopes, valid 12 h; this run's own key pair, made at start):");
        say("    export TOKEN=" + tokens.token());
        say("  Suite overview    http://localhost:" + overview.port() + "/");
        for (ServiceProcess service : services) {
            String base = service.baseUrl();
            say("  " + pad(service.service().name()) + " " + base + "/#token=$TOKEN   (live dashboard)");
            say("  " + pad("") + " curl -H \"Authorization: Bearer $TOKEN\" " + base
                    + service.service().sampleQuery());
            say("  " + pad("") + " curl -H \"Authorization: Bearer $TOKEN\" " + base + "/api/dead-letters?limit=5");
            say("  " + pad("") + " " + base + "/swagger-ui/index.html  (OpenAPI: " + base + "/v3/api-docs; Authorize with $TOKEN)");
            say("  " + pad("") + " " + service.managementUrl() + "/actuator/prometheus  " + base + "/readyz  " + base + "/livez");
        }
        sampleCard().ifPresent(card -> say("  a card the simulator uses: curl -H \"Authorization: Bearer $TOKEN\""
                + " -H 'Content-Type: application/json' -d '{\"cardNumber\":\"" + card + "\"}' "
                + services.get(0).baseUrl() + "/api/cards/risk"));
        say("Logs: " + options.dataDir().toAbsolutePath().resolve("logs") + "   Stop: Ctrl-C");
        say("");
        while (true) {
            say(healthLine());
            try {
                Thread.sleep(options.healthInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String healthLine() {
        StringBuilder line = new StringBuilder("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] ");
        line.append("kafka ").append(broker.isAlive() ? "UP" : "DOWN");
        line.append(" | registry ").append(registry.isAlive() ? "UP" : "DOWN");
        for (ServiceProcess service : services) {
            int status = service.readiness();
            line.append(" | ").append(service.service().name()).append(' ').append(readinessText(status))
                    .append(' ').append(service.liveness().streamsState());
        }
        if (simulator != null) {
            line.append(" | simulator ").append(simulator.isAlive() ? "running" : "finished");
        }
        return line.toString();
    }

    /** A card number the simulator has written, read back from the input topic's keys. */
    private Optional<String> sampleCard() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            // No group: assign the partitions and read from the start.
            consumer.assign(consumer.partitionsFor(TRANSACTIONS_TOPIC).stream()
                    .map(partition -> new TopicPartition(TRANSACTIONS_TOPIC, partition.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().matches("\\d{12,19}")) {
                        return Optional.of(record.key());
                    }
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private void stopAll() {
        if (stops.isEmpty()) {
            return;
        }
        say("stopping ...");
        for (int i = stops.size() - 1; i >= 0; i--) {
            try {
                stops.get(i).run();
            } catch (RuntimeException e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        stops.clear();
        say("stopped.");
    }

    private void checkPortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(options.kafkaPort(), "Kafka broker (--kafka-port)");
        ports.put(options.controllerPort(), "Kafka controller (--controller-port)");
        ports.put(options.registryPort(), "schema registry (--registry-port)");
        ports.put(options.overviewPort(), "suite overview page (--overview-port)");
        for (SuiteService service : SuiteService.all(options.servicePort())) {
            ports.put(service.port(), service.name() + " (--service-port)");
            ports.put(service.managementPort(), service.name() + " management (--service-port + 1000)");
        }
        List<String> taken = Ports.taken(ports);
        if (!taken.isEmpty()) {
            throw new IllegalStateException(String.join("; ", taken)
                    + ". Stop what holds it (see `ss -ltnp`) or choose another port with the option named.");
        }
    }

    /** Each run starts clean: the registry keeps schemas in memory, so old records' schema ids would not resolve. */
    private static void resetDataDir(Path data) {
        try {
            if (Files.exists(data)) {
                try (Stream<Path> paths = Files.walk(data)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(data.resolve("logs"));
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare " + data + ": " + e.getMessage(), e);
        }
    }

    private static String pad(String text) {
        return String.format("%-17s", text);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
