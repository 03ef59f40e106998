package io.streamsuite.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.example.ExampleApplication;
import io.streamsuite.kit.query.QueryHeaders;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.TestTokens;
import io.streamsuite.kit.test.WithKafkaStack;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The kit's REST security on a real service: tokens, scopes, problem answers, open probes, the management port. */
@WithKafkaStack
class RestSecurityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = AppInstance.start(ExampleApplication.class, KafkaStack.uniqueName("security"), Map.of());
        app.awaitReady(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void callersWithoutAGoodTokenGet401ProblemWithABearerChallenge() {
        HttpResponse<String> none = app.get("/api/stores", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        JsonNode problem = JSON.readTree(none.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:streams-kit:problem:unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asString()).contains("Authorization: Bearer");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/stores");

        HttpResponse<String> expired = app.get("/api/stores", TestTokens.expired());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(expired.body()).get("detail").asString()).isEqualTo("the bearer token has expired");

        assertThat(app.get("/api/stores", TestTokens.signedByStranger()).statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = app.get("/api/stores", "Bearer not.a.jwt");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(app.get("/api/stores", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
    }

    @Test
    void requestsAreTimedWithoutObservingEverySecurityFilter() {
        for (int i = 0; i < 3; i++) {
            assertThat(app.get("/api/stores", TestTokens.reader()).statusCode()).isEqualTo(200);
        }
        MeterRegistry meters = app.bean(MeterRegistry.class);

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void eachScopeOpensOnlyItsOwnRoutes() {
        assertThat(app.get("/api/stores", TestTokens.reader()).statusCode()).isEqualTo(200);
        HttpResponse<String> readerOnDeadLetters = app.get("/api/dead-letters", TestTokens.reader());
        assertThat(readerOnDeadLetters.statusCode()).isEqualTo(403);
        JsonNode problem = JSON.readTree(readerOnDeadLetters.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:streams-kit:problem:forbidden");
        assertThat(problem.get("detail").asString()).contains("'streams.operate'");
        assertThat(readerOnDeadLetters.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        assertThat(app.get("/api/dead-letters", TestTokens.operator()).statusCode()).isEqualTo(200);
        HttpResponse<String> operatorOnStores = app.get("/api/stores", TestTokens.operator());
        assertThat(operatorOnStores.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(operatorOnStores.body()).get("detail").asString()).contains("'streams.read'");
        assertThat(app.get("/api/stores", TestTokens.withScopes("nobody")).statusCode()).isEqualTo(403);
        assertThat(app.post("/api/dead-letters/replay", "{\"entries\":[{\"partition\":0,\"offset\":0}]}", TestTokens.reader())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void onlyDeclaredOpenPathsAnswerWithoutAToken() {
        assertThat(app.get("/example-page/index.html", null).statusCode()).as("open, and absent").isEqualTo(404);
        assertThat(app.get("/elsewhere/index.html", null).statusCode()).isEqualTo(401);
        assertThat(app.get("/elsewhere/index.html", TestTokens.withScopes("nobody")).statusCode()).isEqualTo(404);
    }

    /** A documented choice (SECURITY.md): the API's description is open, the API it describes is not. */
    @Test
    void apiDocsAndSwaggerUiAreOpenWithoutATokenAndStateEachOperationsScope() {
        HttpResponse<String> docs = app.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(docs.body());
        assertThat(document.get("openapi").asString()).startsWith("3.");
        assertThat(document.at("/components/securitySchemes").isEmpty()).as("security schemes").isFalse();
        JsonNode storesList = document.at("/paths/~1api~1stores/get");
        assertThat(storesList.get("x-required-scope").asString()).isEqualTo("streams.read");
        assertThat(app.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
        assertThat(app.get("/api/stores", null).statusCode())
                .as("what the document describes still needs a token").isEqualTo(401);
    }

    @Test
    void forwardingHeadersFromAnUnauthenticatedCallerAreRefusedBeforeTheyCount() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                        + "/api/stores/example.counts/keys/some-key"))
                .header(QueryHeaders.HOP, "1").header(QueryHeaders.PARTITIONS, "0").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void probesAreOpenAndPrometheusIsOnlyOnTheManagementPort() throws Exception {
        assertThat(app.get("/livez", null).statusCode()).isEqualTo(200);
        assertThat(app.get("/readyz", null).statusCode()).isEqualTo(200);
        assertThat(app.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(app.get("/actuator/prometheus", TestTokens.all()).statusCode()).isEqualTo(404);

        assertThat(app.managementUrl()).isNotEqualTo(app.baseUrl());
        HttpResponse<String> prometheus = plainGet(app.managementUrl() + "/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("kafka_stream_thread_");
        assertThat(prometheus.body()).as("the kit turns off the logback binder").doesNotContain("logback_events");
        assertThat(plainGet(app.managementUrl() + "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(plainGet(app.managementUrl() + "/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(plainGet(app.managementUrl() + "/actuator/metrics", TestTokens.reader()).statusCode()).isEqualTo(403);
        assertThat(plainGet(app.managementUrl() + "/actuator/metrics", TestTokens.operator()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> plainGet(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header(TestTokens.HEADER, authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
