package io.streamsuite.kit.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsuite.kit.failure.FailureFate;
import io.streamsuite.kit.failure.FailureFates;
import io.streamsuite.kit.fixtures.Customer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry rows of the failure-fate table, each against a real HTTP server that answers the odd case the way
 * a proxy, a login page or a lagging replica would. (The permanent 40403 row runs against the real Apicurio in
 * {@link RegistrySchemaNotFoundTest}.)
 */
class RegistryAnswersTest {

    private static final int RETRIES = 1;
    private static final byte[] UNKNOWN_ID_RECORD = {0, 0, 0, 0x30, 0x39, 2, 4};

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer answer;

    private interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/login")) {
                respond(exchange, 200, "text/html", "<html><form>Sign in</form></html>");
            } else {
                answer.answer(exchange);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void a404WithoutARegistryErrorBodyIsTransientNotAnUnknownSchemaId() {
        answer = exchange -> respond(exchange, 404, "text/html", "<html><h1>404 Not Found</h1>nginx</html>");

        Throwable failure = catchThrowable(() -> deserializer(client(url())).deserialize("orders", UNKNOWN_ID_RECORD));

        assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class).hasMessageContaining("404");
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.TRANSIENT);
        assertThat(requests).hasValue(RETRIES + 1);
    }

    @Test
    void a404WithTheRegistrysErrorBodyIsAPermanentUnknownSchemaId() {
        answer = exchange -> respond(exchange, 404, HttpSchemaRegistryClient.CONTENT_TYPE,
                "{\"error_code\":40403,\"message\":\"Schema 12345 not found\"}");

        Throwable failure = catchThrowable(() -> deserializer(client(url())).deserialize("orders", UNKNOWN_ID_RECORD));

        assertThat(failure).isInstanceOf(UnknownSchemaIdException.class);
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.PERMANENT);
        assertThat(requests).hasValue(1);
    }

    @Test
    void a200ThatIsNotJsonIsTransient() {
        answer = exchange -> respond(exchange, 200, "text/html", "<html>Welcome to the corporate proxy</html>");

        Throwable failure = catchThrowable(() -> client(url()).register("orders-value", Customer.getClassSchema()));

        assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class).hasMessageContaining("not the registry's JSON");
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.TRANSIENT);
        assertThat(requests).hasValue(RETRIES + 1);
    }

    @Test
    void a200JsonWithoutTheRegistrysFieldsIsTransient() {
        answer = exchange -> respond(exchange, 200, "application/json", "{\"status\":\"ok\"}");

        Throwable failure = catchThrowable(() -> client(url()).register("orders-value", Customer.getClassSchema()));

        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.TRANSIENT);
    }

    @Test
    void aRedirectToALoginPageIsTransient() {
        answer = exchange -> {
            exchange.getResponseHeaders().add("Location", "/login");
            respond(exchange, 302, "text/html", "");
        };

        Throwable failure = catchThrowable(() -> deserializer(client(url())).deserialize("orders", UNKNOWN_ID_RECORD));

        assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.TRANSIENT);
    }

    @Test
    void a5xxIsTransient() {
        answer = exchange -> respond(exchange, 502, "text/html", "<html>Bad Gateway</html>");

        Throwable failure = catchThrowable(() -> deserializer(client(url())).deserialize("orders", UNKNOWN_ID_RECORD));

        assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class).hasMessageContaining("502");
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.TRANSIENT);
    }

    @Test
    void aTimeoutIsTransient() {
        answer = exchange -> {
            sleep(1_500);
            respond(exchange, 200, HttpSchemaRegistryClient.CONTENT_TYPE, "{\"id\":1}");
        };

        Throwable failure = catchThrowable(() -> client(url(), Map.of(AvroSerdeConfig.REQUEST_TIMEOUT_MS, 200,
                AvroSerdeConfig.MAX_RETRIES, 0)).register("orders-value", Customer.getClassSchema()));

        assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class).hasMessageContaining("Timeout");
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.TRANSIENT);
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Throwable failure = catchThrowable(() -> deserializer(client("http://127.0.0.1:" + closedPort))
                .deserialize("orders", UNKNOWN_ID_RECORD));

        assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.TRANSIENT);
    }

    @Test
    void anAuthenticationRefusalIsFatal() {
        answer = exchange -> respond(exchange, 401, HttpSchemaRegistryClient.CONTENT_TYPE,
                "{\"error_code\":40101,\"message\":\"Unauthorized\"}");

        Throwable failure = catchThrowable(() -> deserializer(client(url())).deserialize("orders", UNKNOWN_ID_RECORD));

        assertThat(failure).isInstanceOf(SchemaRegistryAccessDeniedException.class);
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.FATAL);
        assertThat(requests).hasValue(1);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static HttpSchemaRegistryClient client(String url) {
        return client(url, Map.of());
    }

    private static HttpSchemaRegistryClient client(String url, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        config.put(AvroSerdeConfig.MAX_RETRIES, RETRIES);
        config.put(AvroSerdeConfig.RETRY_BACKOFF_MS, 10);
        config.putAll(extra);
        return new HttpSchemaRegistryClient(AvroSerdeConfig.from(config));
    }

    private static RegistryAvroDeserializer<Customer> deserializer(SchemaRegistryClient client) {
        return new RegistryAvroDeserializer<>(client, AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                "http://unused")), false, Customer.class);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
