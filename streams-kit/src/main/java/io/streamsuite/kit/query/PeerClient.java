package io.streamsuite.kit.query;

import io.streamsuite.kit.security.CallerToken;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks another instance of the same application to answer a query locally (with the hop header),
 * carrying the caller's bearer token, through the JDK HttpClient with short timeouts. Any failure to get an answer is a 503, never a hang.
 */
class PeerClient {

    private static final Logger log = LoggerFactory.getLogger(PeerClient.class);

    /** A peer's answer and the copy (see {@link AnsweringCopy}) that gave it. */
    record Reply<T>(T body, AnsweringCopy copy) {
    }

    private final HttpClient http;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final QueryProperties properties;

    PeerClient(QueryProperties properties) {
        this.properties = properties;
        // Plain HTTP/1.1 between instances: an HTTP/2 client would offer an h2c upgrade the server ignores on
        // every new connection. Connections are kept and reused (the JDK client's pool).
        this.http = HttpClient.newBuilder()
                .version("https".equalsIgnoreCase(properties.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A GET on {@code /api/stores/{store}/{resource}?params}; empty when the peer answers 404 key-not-found. */
    <T> CompletableFuture<Optional<Reply<T>>> get(HostInfo host, String store, String resource, Map<String, String> params,
                                           Map<String, String> headers, Class<T> type) {
        URI uri = uri(host, store, resource, params);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.getRequestTimeout())
                .header("Accept", "application/json")
                .header(QueryHeaders.HOP, "1")
                .GET();
        headers.forEach(request::header);
        // The owner checks the caller's own token again: no instance trusts another's word.
        CallerToken.authorization().ifPresent(token -> request.header(CallerToken.HEADER, token));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        log.debug("Instance {} did not answer {}: {}", endpoint(host), uri, cause.toString());
                        throw new StoreUnavailableException("instance " + endpoint(host) + " did not answer"
                                + (cause instanceof java.net.http.HttpTimeoutException ? " in time" : ""),
                                properties.getRetryAfter(), cause);
                    }
                    return answer(host, response, type);
                });
    }

    /** Waits for {@link #get}, unwrapping the query exceptions it carries. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private <T> Optional<Reply<T>> answer(HostInfo host, HttpResponse<String> response, Class<T> type) {
        int status = response.statusCode();
        if (status == 200) {
            try {
                return Optional.of(new Reply<>(mapper.readValue(response.body(), type), copy(host, response)));
            } catch (JacksonException e) {
                throw new StoreUnavailableException("instance " + endpoint(host) + " gave an unreadable answer",
                        properties.getRetryAfter(), e);
            }
        }
        JsonNode problem = problem(response.body());
        String detail = problem.path("detail").isString() ? problem.path("detail").stringValue() : "HTTP " + status;
        String problemType = problem.path("type").isString() ? problem.path("type").stringValue() : "";
        if (status == 404 && StoreQueryProblemHandler.KEY_NOT_FOUND.toString().equals(problemType)) {
            return Optional.empty();
        }
        if (status == 400) {
            throw new InvalidQueryException(detail);
        }
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(PeerClient::seconds).orElse(properties.getRetryAfter());
        throw new StoreUnavailableException("instance " + endpoint(host) + " could not answer: " + detail, retryAfter);
    }

    private static AnsweringCopy copy(HostInfo host, HttpResponse<String> response) {
        String instance = response.headers().firstValue(QueryHeaders.INSTANCE).orElse(endpoint(host));
        long lag = response.headers().firstValue(QueryHeaders.LAG).flatMap(PeerClient::number).orElse(0L);
        AnsweringCopy.Role role = AnsweringCopy.Role.fromHeader(response.headers().firstValue(QueryHeaders.COPY).orElse("active"));
        return new AnsweringCopy(role, instance, lag);
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private JsonNode problem(String body) {
        try {
            return mapper.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            return mapper.createObjectNode();
        }
    }

    private URI uri(HostInfo host, String store, String resource, Map<String, String> params) {
        Map<String, String> present = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        String query = present.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(properties.getScheme() + "://" + endpoint(host) + StoreQueryController.BASE_PATH + "/"
                + encode(store) + "/" + resource + (query.isEmpty() ? "" : "?" + query));
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String endpoint(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
