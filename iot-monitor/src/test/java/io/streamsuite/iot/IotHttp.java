package io.streamsuite.iot;

import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST calls of this module's tests, in one place: each with a reader's bearer token (the kit's security is on). */
final class IotHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IotHttp() {
    }

    static HttpResponse<String> get(AppInstance instance, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header(TestTokens.HEADER, TestTokens.reader()).timeout(Duration.ofSeconds(30)).GET().build();
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
    static HttpResponse<String> getWhenAvailable(AppInstance instance, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = get(instance, path);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            AppInstance.sleep(250);
            response = get(instance, path);
        }
        return response;
    }
}
