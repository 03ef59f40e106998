package io.streamsuite.metrics;

import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Every REST call of this module's tests goes through here: the one place to add credentials. */
final class Rest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Rest() {
    }

    /** {@code pathAndQuery} is sent as written (already percent-encoded where the test means it). */
    static HttpResponse<String> get(AppInstance app, String pathAndQuery) {
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(app.baseUrl() + pathAndQuery)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs until the answer is not 503 (a store restoring or rebalancing), for at most 60 s. */
    static HttpResponse<String> getWhenAvailable(AppInstance app, String pathAndQuery) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = get(app, pathAndQuery);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            AppInstance.sleep(250);
            response = get(app, pathAndQuery);
        }
        return response;
    }

    /** Domain queries need the read scope; the kit's security tests cover missing and wrong tokens. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return builder.header(TestTokens.HEADER, TestTokens.reader());
    }
}
