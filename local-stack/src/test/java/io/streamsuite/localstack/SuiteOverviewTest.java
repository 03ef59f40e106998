package io.streamsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SuiteOverviewTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void listsEveryPartWithItsStateAndDashboardLinkAsTheyAreNow() throws Exception {
        AtomicReference<String> fraudState = new AtomicReference<>("NOT READY (503)");
        AtomicReference<String> fraudStreams = new AtomicReference<>("REBALANCING");
        try (SuiteOverview overview = SuiteOverview.start(0, () -> List.of(
                new SuiteOverview.Part("Kafka localhost:9092", "UP", null),
                new SuiteOverview.Part("fraud-detector", fraudState.get(), fraudStreams.get(), "UP",
                        "http://localhost:8080/", "http://localhost:8080/#token=abc"),
                new SuiteOverview.Part("metrics-aggregator", "DOWN", "ERROR", "DOWN",
                        "http://localhost:8082/", "http://localhost:8082/#token=abc"),
                new SuiteOverview.Part("iot-<monitor>", "DOWN", "http://localhost:8083/")))) {
            HttpResponse<String> before = get(overview.port(), "/");
            fraudState.set("READY");
            fraudStreams.set("RUNNING");
            HttpResponse<String> after = get(overview.port(), "/");

            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(before.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
            // Readiness, Streams state and liveness of each service; its links open the dashboard with the token.
            assertThat(before.body()).contains("<td class=\"bad\">NOT READY (503)</td><td class=\"wait\">REBALANCING</td><td class=\"ok\">UP</td>",
                    "<a href=\"http://localhost:8080/#token=abc\">fraud-detector</a>",
                    "<a href=\"http://localhost:8080/#token=abc\">http://localhost:8080/</a>",
                    "<td class=\"bad\">DOWN</td><td class=\"bad\">ERROR</td><td class=\"bad\">DOWN</td>",
                    "<td>Kafka localhost:9092</td><td class=\"ok\">UP</td>");
            assertThat(after.body()).contains("<td class=\"ok\">READY</td><td class=\"ok\">RUNNING</td><td class=\"ok\">UP</td>");
            // Names are text, not markup.
            assertThat(before.body()).contains("iot-&lt;monitor&gt;").doesNotContain("<monitor>");
            assertThat(get(overview.port(), "/elsewhere").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
