package io.streamsuite.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.example.ExampleApplication;
import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.example.ExampleStreamsService;
import io.streamsuite.kit.serde.AvroSerdeConfig;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A fault that does not go away must not leave a pod spinning with liveness UP: too many thread replacements, or a
 * record waiting too long for the registry, turn it DOWN, and a fatal (authentication) failure stops Streams after a
 * bounded number of attempts.
 */
@WithKafkaStack
class RecurringFailureLivenessTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void livenessGoesDownWhenARecordHasWaitedForAnUnreachableRegistryLongerThanTheLimit() throws IOException {
        String unreachableRegistry = "http://127.0.0.1:" + closedPort();
        try (AppInstance app = AppInstance.start(ExampleApplication.class, KafkaStack.uniqueName("waiting"), Map.of(
                "streams-kit.schema-registry.url", unreachableRegistry,
                "streams-kit.schema-registry.max-retries", 0,
                "streams-kit.failures.registry-wait-limit", "5s"))) {
            produceOneEvent();

            HttpResponse<String> liveness = awaitLivenessDown(app);

            KafkaStreamsRunner runner = app.bean(KafkaStreamsRunner.class);
            assertThat(liveness.statusCode()).isEqualTo(503);
            assertThat(liveness.body()).contains("\"DOWN\"").contains("for the schema registry")
                    .contains(ExampleStreamsService.INPUT);
            // The record waits at the consumer: no thread failed, Streams itself runs on.
            assertThat(runner.schemaHolds().held()).isNotEmpty();
            assertThat(runner.threadFailures().recentReplacements()).isZero();
            assertThat(runner.streams().orElseThrow().state())
                    .isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
        }
    }

    @Test
    void livenessGoesDownWhenTheStreamThreadIsReplacedTooOftenForARecurringFault() throws IOException {
        // Reads reach the registry, writes (looking up the output schema) get a 503: a fault on the write path.
        HttpServer readOnly = readOnlyRegistry();
        try (AppInstance app = AppInstance.start(ExampleApplication.class, KafkaStack.uniqueName("recurring"), Map.of(
                "streams-kit.schema-registry.url", "http://127.0.0.1:" + readOnly.getAddress().getPort(),
                "streams-kit.schema-registry.max-retries", 0,
                "streams-kit.failures.max-thread-replacements", 2,
                "streams-kit.failures.replacement-window", "5m"))) {
            produceOneEvent();

            HttpResponse<String> liveness = awaitLivenessDown(app);

            assertThat(liveness.statusCode()).isEqualTo(503);
            assertThat(liveness.body()).contains("\"DOWN\"").contains("replaced");
            assertThat(app.bean(KafkaStreamsRunner.class).threadFailures().recentReplacements()).isGreaterThan(2);
            // Streams itself is still alive and retrying: it is the budget that tells Kubernetes to restart the pod.
            assertThat(app.bean(KafkaStreamsRunner.class).streams().orElseThrow().state())
                    .isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
        } finally {
            readOnly.stop(0);
        }
    }

    /** Forwards GETs to the real registry; answers every other request 503, as an overloaded registry would. */
    private static HttpServer readOnlyRegistry() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        String target = KafkaStack.schemaRegistryUrl();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body;
            int status;
            if (exchange.getRequestMethod().equals("GET")) {
                try {
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(target
                            + exchange.getRequestURI().getRawPath())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    body = answer.body();
                    exchange.getResponseHeaders().add("Content-Type",
                            answer.headers().firstValue("Content-Type").orElse("application/json"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = 503;
                    body = new byte[0];
                }
            } else {
                status = 503;
                body = "{\"error_code\":50301,\"message\":\"overloaded\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aRegistryThatRefusesOurCredentialsStopsStreamsAfterTheBoundedAttempts() throws IOException {
        AtomicInteger refusals = new AtomicInteger();
        HttpServer refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusing.createContext("/", exchange -> {
            refusals.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        refusing.start();
        try (AppInstance app = AppInstance.start(ExampleApplication.class, KafkaStack.uniqueName("fatal"), Map.of(
                "streams-kit.schema-registry.url", "http://127.0.0.1:" + refusing.getAddress().getPort(),
                "streams-kit.failures.fatal-attempts", 2))) {
            produceOneEvent();

            HttpResponse<String> liveness = awaitLivenessDown(app);
            KafkaStreams streams = app.bean(KafkaStreamsRunner.class).streams().orElseThrow();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (streams.state() != KafkaStreams.State.ERROR && System.nanoTime() < deadline) {
                AppInstance.sleep(200);
            }
            int refusalsWhenStopped = refusals.get();
            AppInstance.sleep(3_000);

            assertThat(liveness.body()).contains("\"DOWN\"").contains("fatal failure 2 time(s)");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.ERROR);
            // Two attempts, each asking twice: the consumer's schema resolver, then the deserializer that fails fatally.
            assertThat(refusalsWhenStopped).isEqualTo(2 * 2);
            assertThat(refusals.get()).as("no endless retries once stopped").isEqualTo(refusalsWhenStopped);
        } finally {
            refusing.stop(0);
        }
    }

    private static void produceOneEvent() {
        KafkaStack.createTopics(4, ExampleStreamsService.INPUT);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, KafkaStack.schemaRegistryUrl()));
        ExampleEvent event = ExampleEvent.newBuilder().setId("recurring-1").setKind("click")
                .setAmount(new BigDecimal("1.00")).setEventTime(Instant.parse("2026-11-25T10:00:00Z")).build();
        KafkaStack.produce(ExampleStreamsService.INPUT, "recurring-1", event, Serdes.String().serializer(),
                serdes.valueSerde(ExampleEvent.class).serializer());
    }

    private static HttpResponse<String> awaitLivenessDown(AppInstance app) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> liveness = app.get("/livez", null);
        while (liveness.statusCode() == 200 && System.nanoTime() < deadline) {
            AppInstance.sleep(250);
            liveness = app.get("/livez", null);
        }
        return liveness;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
