package io.streamsuite.kit.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.streamsuite.kit.fixtures.Customer;

/** Request details a real registry does not echo back: checked against a tiny JDK HTTP server. */
class HttpSchemaRegistryClientTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresBeforeSuccess = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startFakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopFakeRegistry() {
        server.stop(0);
    }

    @Test
    void sendsBasicAuthHeaderFromUserInfoWhenConfigured() {
        client(Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc-user:s3cr:et"))
                .register("orders-value", Customer.getClassSchema());

        assertThat(authorizations).containsExactly("Basic " + base64("svc-user:s3cr:et"));
        assertThat(contentTypes).containsExactly(HttpSchemaRegistryClient.CONTENT_TYPE);
    }

    @Test
    void sendsBasicAuthHeaderFromTheUrlWhenTheSourceIsUrl() {
        new HttpSchemaRegistryClient(AvroSerdeConfig.from(Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://alice:pw@127.0.0.1:" + server.getAddress().getPort(),
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL")))
                .register("orders-value", Customer.getClassSchema());

        assertThat(authorizations).containsExactly("Basic " + base64("alice:pw"));
    }

    @Test
    void sendsNoAuthorizationHeaderWithoutCredentials() {
        client(Map.of()).register("orders-value", Customer.getClassSchema());

        assertThat(authorizations).containsExactly("(none)");
    }

    @Test
    void retries5xxAndSucceedsWhenTheRegistryRecovers() {
        failuresBeforeSuccess.set(2);

        int id = client(Map.of(AvroSerdeConfig.RETRY_BACKOFF_MS, 10)).register("orders-value", Customer.getClassSchema());

        assertThat(id).isEqualTo(7);
        assertThat(requests).hasValue(3);
    }

    @Test
    void gives5xxUpAfterMaxRetriesAsUnavailable() {
        failuresBeforeSuccess.set(100);

        assertThatThrownBy(() -> client(Map.of(AvroSerdeConfig.MAX_RETRIES, 2, AvroSerdeConfig.RETRY_BACKOFF_MS, 10))
                .register("orders-value", Customer.getClassSchema()))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(requests).hasValue(3);
    }

    @Test
    void cachesTheIdSoTheSecondRegistrationNeverReachesTheRegistry() {
        HttpSchemaRegistryClient client = client(Map.of());

        client.register("orders-value", Customer.getClassSchema());
        client.register("orders-value", Customer.getClassSchema());

        assertThat(requests).hasValue(1);
        assertThat(client.schemaById(7)).isEqualTo(Customer.getClassSchema());
    }

    private HttpSchemaRegistryClient client(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + server.getAddress().getPort());
        return new HttpSchemaRegistryClient(AvroSerdeConfig.from(config));
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).replace("null", "(none)"));
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        exchange.getRequestBody().readAllBytes();
        boolean fail = failuresBeforeSuccess.getAndDecrement() > 0;
        byte[] body = (fail ? "{\"error_code\":50001,\"message\":\"storage down\"}" : "{\"id\":7}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
