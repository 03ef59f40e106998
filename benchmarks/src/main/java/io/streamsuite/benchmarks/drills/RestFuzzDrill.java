package io.streamsuite.benchmarks.drills;

import io.streamsuite.localstack.ServiceProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated malformed requests against every operation of the service's OpenAPI document (ids, ranges, limits,
 * headers, bodies): no 5xx, and every 4xx answers with an RFC 9457 problem body.
 */
final class RestFuzzDrill {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> BAD_VALUES = List.of("", " ", "-1", "0", "999999999999999999999999", "abc",
            "1e309", "NaN", "null", "%00", "..%2F..%2Fetc%2Fpasswd", "' OR '1'='1", "<script>x</script>", "ü∆😀",
            "2026-13-45T99:99:99Z", "9".repeat(400), "x".repeat(5000), "{\"a\":", "[]", "true", "-9223372036854775809",
            "4539148803436467", "1970-01-01T00:00:00Z",
            // Instants at and beyond the edges of Instant and of epoch milliseconds, and odd calendar text.
            "+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "+292278994-08-17T07:12:55.807Z",
            "+292278994-08-17T07:12:55.808Z", "-292275055-05-16T16:47:04.192Z", "9223372036854775807",
            "-9223372036854775808", "+10000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "1970-01-01T00:00:00+25:00",
            "2026-11-25T10:00:00.123456789123Z", "P1D", "0x10", "1_000", "\u0661\u0662\u0663", "\u202e1", "%F0%9F");
    /** Cursors that are not ours, or are ours for another store or query; real ones are added at run time. */
    private static final List<String> BAD_CURSORS = List.of("***", "A", "====", "eyJ9", "bnVsbA", "W10",
            "WyJjMSIsInguZHRvcmUiLCJLRVlTIiwiayJd", "WyJjMSJd", "x".repeat(4500));
    /** Parameters every operation may get, declared or not: the kit reads max-lag on every query. */
    private static final List<String> EXTRA_PARAMS = List.of("max-lag", "cursor", "limit", "from", "to");
    private static final List<String> BAD_BODIES = List.of("", "{", "null", "[]", "{\"ids\":\"x\"}", "{\"force\":\"maybe\"}",
            "{\"ids\":[" + "\"a\",".repeat(2000) + "\"a\"]}", "\u0000\u0001", "<xml/>", "{\"limit\":-5}");
    private static final List<Map.Entry<String, String>> BAD_HEADERS = List.of(
            Map.entry("X-Streams-Query-Hop", "not-a-number"), Map.entry("X-Streams-Query-Hop", "99999"),
            Map.entry("X-Streams-Query-Partitions", "a,b,-1"), Map.entry("X-Streams-Query-Partitions", "999999"),
            Map.entry("X-Streams-Query-Max-Lag", "-1"), Map.entry("X-Streams-Query-Max-Lag", "99999999999999999999"),
            Map.entry("X-Streams-Query-Max-Lag", "0"),
            Map.entry("Content-Type", "application/json; charset=nonsense"), Map.entry("Content-Type", "text/plain"),
            Map.entry("Accept-Language", "x".repeat(2000)), Map.entry("If-None-Match", "\"\u00ff\""));
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private RestFuzzDrill() {
    }

    record Operation(String method, String path, List<String> queryParams, boolean hasBody) {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        DrillResult result = new DrillResult("REST fuzz");
        ServiceProcess service = stack.startFraud(0, Map.of());
        service.awaitReady(Duration.ofMinutes(3));
        stack.runSimulator("simulator-fuzz", List.of("--count=500", "--rate=500", "--seed=" + seed, "--poison-share=0.05"),
                Duration.ofMinutes(5));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        List<Operation> operations = operations(http, service.baseUrl());
        result.count("operations", operations.size());
        if (operations.isEmpty()) {
            return result.fail("the OpenAPI document at /v3/api-docs lists operations");
        }
        List<String> cursors = new ArrayList<>(BAD_CURSORS);
        cursors.addAll(realCursors(http, service.baseUrl(), service.authorization()));
        result.count("real cursors reused elsewhere", cursors.size() - BAD_CURSORS.size());
        Random random = new Random(seed);
        int sent = 0;
        int serverErrors = 0;
        int clientErrors = 0;
        int withoutProblem = 0;
        int transportErrors = 0;
        List<String> examples = new ArrayList<>();
        List<String> bareExamples = new ArrayList<>();
        while (sent < sizes.fuzzRequests()) {
            Operation op = operations.get(sent % operations.size());
            HttpRequest request = malformed(op, service.baseUrl(), service.authorization(), random, cursors);
            sent++;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                transportErrors++;
                continue;
            }
            int status = response.statusCode();
            if (status >= 500) {
                serverErrors++;
                remember(examples, status + " " + request.method() + " " + abbreviate(request.uri().toString()));
            } else if (status >= 400) {
                clientErrors++;
                if (!isProblem(response)) {
                    withoutProblem++;
                    remember(bareExamples, status + " " + response.headers().firstValue("Content-Type").orElse("(no type)")
                            + " " + request.method() + " " + abbreviate(request.uri().toString()));
                }
            }
        }
        result.count("requests", sent).count("5xx", serverErrors).count("4xx", clientErrors)
                .count("4xx without problem body", withoutProblem).count("no answer", transportErrors);
        result.expect(sent >= 1000, "at least 1,000 requests");
        result.expect(serverErrors == 0, "no 5xx" + (examples.isEmpty() ? "" : "; e.g. " + examples));
        result.expect(withoutProblem == 0, "every 4xx has a problem-details body" + (bareExamples.isEmpty() ? "" : "; e.g. " + bareExamples));
        result.expect(transportErrors == 0, "every request answered");
        result.expect(service.process().isAlive(), "the service is still running");
        return result;
    }

    static List<Operation> operations(HttpClient http, String baseUrl) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode paths = JSON.readTree(body).path("paths");
            List<Operation> operations = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    if (!Set.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                        continue;
                    }
                    List<String> query = new ArrayList<>();
                    for (JsonNode parameter : method.getValue().path("parameters")) {
                        if ("query".equals(parameter.path("in").asString())) {
                            query.add(parameter.path("name").asString());
                        }
                    }
                    operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), query,
                            method.getValue().has("requestBody")));
                }
            }
            return operations;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read " + baseUrl + "/v3/api-docs", e);
        }
    }

    /** Cursors the service really gave, of one store or endpoint, to be offered to all the others. */
    private static List<String> realCursors(HttpClient http, String baseUrl, String authorization) {
        List<String> cursors = new ArrayList<>();
        for (String path : List.of("/api/alerts?limit=1", "/api/stores/fraud.card-risk/keys?limit=1",
                "/api/stores/fraud.recent-alerts/keys?limit=1", "/api/stores/fraud.card-state/keys?limit=1")) {
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                                .header("Authorization", authorization).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode next = JSON.readTree(page.body()).path("nextCursor");
                if (next.isString()) {
                    cursors.add(next.stringValue());
                }
            } catch (Exception e) {
                // A store this service does not have: nothing to reuse.
            }
        }
        return cursors;
    }

    private static HttpRequest malformed(Operation op, String baseUrl, String authorization, Random random,
                                         List<String> cursors) {
        Matcher m = PATH_PARAM.matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(encode(pick(BAD_VALUES, random))));
        }
        m.appendTail(path);
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : op.queryParams()) {
            if (random.nextInt(4) > 0) {
                query.put(name, "cursor".equals(name) && random.nextBoolean() ? pick(cursors, random) : pick(BAD_VALUES, random));
            }
        }
        if (random.nextInt(3) == 0) {
            String name = pick(EXTRA_PARAMS, random);
            query.putIfAbsent(name, "cursor".equals(name) ? pick(cursors, random) : pick(BAD_VALUES, random));
        }
        if (query.containsKey("from") && query.containsKey("to") && random.nextBoolean()) {
            query.put("from", "2026-11-25T10:00:00Z");
            query.put("to", "2026-11-25T09:00:00Z");
        }
        StringBuilder uri = new StringBuilder(baseUrl).append(path);
        String sep = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            sep = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(15));
        // With a good token, so the bad input reaches the handlers rather than stopping at the 401.
        request.header("Authorization", authorization);
        String body = op.hasBody() || random.nextInt(5) == 0 ? pick(BAD_BODIES, random) : null;
        request.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (random.nextInt(3) == 0) {
            Map.Entry<String, String> header = pick(BAD_HEADERS, random);
            request.setHeader(header.getKey(), header.getValue());
        }
        return request.build();
    }

    /** RFC 9457: the problem media type and a JSON object with at least status and title. */
    static boolean isProblem(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem.isObject() && problem.has("status") && problem.has("title");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    private static void remember(List<String> examples, String example) {
        if (examples.size() < 5) {
            examples.add(example);
        }
    }
}
