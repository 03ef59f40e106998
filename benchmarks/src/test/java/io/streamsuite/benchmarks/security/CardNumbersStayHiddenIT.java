package io.streamsuite.benchmarks.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.benchmarks.drills.DrillStack;
import io.streamsuite.localstack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fraud-detector's Boot jar under the simulator's traffic (fraud patterns and poison included): none of the
 * simulator's card numbers shows up in the service's application log, its access log, any topic it writes
 * (every topic but the input topics and the dead-letter topic, which hold the raw records by design) or any
 * REST answer, good or bad.
 */
class CardNumbersStayHiddenIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DATA = Path.of("target", "card-numbers-hidden").toAbsolutePath();
    private static final Set<String> INPUTS = Set.of(DrillStack.TRANSACTIONS, "payments.accounts", DrillStack.DLQ);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @BeforeAll
    static void built() {
        assertThat(Files.isDirectory(REPO.resolve("fraud-detector").resolve("target")))
                .as("fraud-detector is built (./mvnw install) before this runs").isTrue();
    }

    @Test
    void noSimulatorCardNumberReachesALogAnOutputTopicOrAnAnswer() throws Exception {
        // Below Linux's ephemeral range, apart from the drills' ports.
        try (DrillStack stack = new DrillStack(REPO, DATA, 29500)) {
            Path accessLogs = DATA.resolve("access-logs");
            ServiceProcess fraud = stack.startFraud(0, Map.of(
                    "SERVER_TOMCAT_ACCESSLOG_ENABLED", "true",
                    "SERVER_TOMCAT_ACCESSLOG_DIRECTORY", accessLogs.toString(),
                    "SERVER_TOMCAT_ACCESSLOG_BUFFERED", "false",
                    "LOGGING_LEVEL_IO_STREAMSUITE", "DEBUG"));
            fraud.awaitReady(Duration.ofMinutes(3));
            stack.runSimulator("simulator-cards", List.of("--count=600", "--rate=300", "--seed=13",
                    "--fraud-share=0.05", "--poison-share=0.02"), Duration.ofMinutes(5));
            stack.awaitDrained("fraud-detector", DrillStack.TRANSACTIONS, Duration.ofMinutes(3));

            Set<String> cards = new TreeSet<>();
            for (ConsumerRecord<byte[], byte[]> record : stack.kafka().readAll(DrillStack.TRANSACTIONS)) {
                String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                if (key.matches("\\d{12,19}")) {
                    cards.add(key);
                }
            }
            assertThat(cards).as("the simulator's card numbers").hasSizeGreaterThan(20);

            Map<String, String> answers = askEverything(fraud, List.copyOf(cards).subList(0, 8));
            assertThat(answers).as("answers with data").anySatisfy((request, body) -> assertThat(body).contains("cardLast4"));

            Map<String, String> sources = new LinkedHashMap<>();
            answers.forEach((request, body) -> sources.put("answer to " + request, body));
            sources.put("application log " + fraud.process().logFile(), Files.readString(fraud.process().logFile()));
            String accessLog = readAll(accessLogs);
            assertThat(accessLog).as("the access log saw the lookups").contains("POST /api/cards/risk");
            sources.put("access log", accessLog);
            int records = 0;
            List<String> scanned = new ArrayList<>();
            for (String topic : stack.kafka().topics()) {
                if (topic.startsWith("__") || INPUTS.contains(topic)) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                for (ConsumerRecord<byte[], byte[]> record : stack.kafka().readAll(topic)) {
                    records++;
                    text.append(latin1(record.key())).append('|').append(latin1(record.value())).append('\n');
                }
                scanned.add(topic);
                sources.put("topic " + topic, text.toString());
            }
            assertThat(scanned).contains("payments.transactions.scored", "fraud.alerts", "fraud.card-risk",
                    "fraud-detector.audit", "fraud-detector-fraud.card-risk-changelog");
            assertThat(records).as("records scanned in the written topics").isGreaterThan(600);

            for (Map.Entry<String, String> source : sources.entrySet()) {
                for (String card : cards) {
                    assertThat(source.getValue()).as("%s holds a full card number", source.getKey()).doesNotContain(card);
                }
            }
        }
    }

    /** Every read the API offers, good and bad, with a token of both scopes; request → body. */
    private static Map<String, String> askEverything(ServiceProcess fraud, List<String> cards) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String card : cards) {
            answers.put("risk " + card.substring(card.length() - 4),
                    post(fraud, "/api/cards/risk", "{\"cardNumber\":\"" + card + "\"}"));
            answers.put("velocity " + card.substring(card.length() - 4), post(fraud, "/api/cards/velocity",
                    "{\"cardNumber\":\"" + card + "\",\"from\":\"" + Instant.now().minus(Duration.ofMinutes(30)) + "\"}"));
            answers.put("bad velocity " + card.substring(card.length() - 4),
                    post(fraud, "/api/cards/velocity", "{\"cardNumber\":\"" + card + "\",\"from\":\"yesterday\"}"));
            answers.put("bad number " + card.substring(card.length() - 4),
                    post(fraud, "/api/cards/risk", "{\"cardNumber\":\"" + card + "-x\"}"));
            answers.put("bad json " + card.substring(card.length() - 4),
                    post(fraud, "/api/cards/risk", "{\"cardNumber\":" + card + ",,}"));
        }
        for (String path : List.of("/api/alerts?limit=200", "/api/dead-letters?limit=200", "/api/stores",
                "/api/stores/fraud.card-risk/keys?limit=500", "/api/stores/fraud.recent-alerts/keys?limit=500",
                "/v3/api-docs")) {
            answers.put(path, get(fraud, path));
        }
        return answers;
    }

    private static String post(ServiceProcess fraud, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fraud.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", fraud.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(ServiceProcess fraud, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fraud.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", fraud.authorization()).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String readAll(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
