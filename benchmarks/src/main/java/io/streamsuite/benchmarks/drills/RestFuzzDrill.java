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
            "4539148803436467", "1970-01-01T00:00:00Z");
    private static final List<String> BAD_BODIES = List.of("", "{", "null", "[]", "{\"ids\":\"x\"}", "{\"force\":\"maybe\"}",
            "{\"ids\":[" + "\"a\",".repeat(2000) + "\"a\"]}", "\u0000\u0001", "<xml/>", "{\"limit\":-5}");
    private static final List<Map.Entry<String, String>> BAD_HEADERS = List.of(
            Map.entry("X-Streams-Query-Hop", "not-a-number"), Map.entry("X-Streams-Query-Hop", "99999"),
            Map.entry("X-Streams-Query-Partitions", "a,b,-1"), Map.entry("X-Streams-Query-Partitions", "999999"),
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
            HttpRequest request = malformed(op, service.baseUrl(), service.authorization(), random);
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

    private static HttpRequest malformed(Operation op, String baseUrl, String authorization, Random random) {
        Matcher m = PATH_PARAM.matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(encode(pick(BAD_VALUES, random))));
        }
        m.appendTail(path);
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : op.queryParams()) {
            if (random.nextInt(4) > 0) {
                query.put(name, pick(BAD_VALUES, random));
            }
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
