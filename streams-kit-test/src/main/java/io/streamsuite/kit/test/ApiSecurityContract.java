package io.streamsuite.kit.test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security contract of every operation in a running service's OpenAPI document ({@code /v3/api-docs}),
 * as the kit states it there ({@code x-required-scope}): no token is 401, a token without the scope is 403,
 * a token with it reaches the handler (2xx or 4xx, never 401/403/5xx); open operations answer without a
 * token. A new endpoint is covered without a test of its own. A service's whole test:
 * <pre>{@code
 * @WithKafkaStack
 * class MyServiceApiSecurityTest {
 *     @TestFactory
 *     Stream<DynamicTest> everyOperationRefusesMissingAndWrongTokens() {
 *         return ApiSecurityContract.dynamicTests(app);   // app: a ready AppInstance of the service
 *     }
 * }
 * }</pre>
 */
public final class ApiSecurityContract {

    public static final String SCOPE_EXTENSION = "x-required-scope";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final List<String> KNOWN_SCOPES = List.of(TestTokens.READ_SCOPE, TestTokens.OPERATE_SCOPE);
    private static final String PROBE_VALUE = "contract-probe";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One operation as the document states it; {@code scope} is null when open, empty for any valid token. */
    public record Operation(String method, String path, String scope, boolean hasBody) {

        String concretePath() {
            return path.replaceAll("\\{[^}]+}", PROBE_VALUE);
        }

        @Override
        public String toString() {
            return method + " " + path + (scope == null ? " (open)" : scope.isEmpty() ? " (any token)" : " (" + scope + ")");
        }
    }

    private ApiSecurityContract() {
    }

    /** Every operation of the document the app serves. */
    public static List<Operation> operations(AppInstance app) {
        HttpResponse<String> docs = app.get("/v3/api-docs", null);
        if (docs.statusCode() != 200) {
            throw new AssertionError("/v3/api-docs answered " + docs.statusCode() + ": " + docs.body());
        }
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = JSON.readTree(docs.body()).path("paths");
        for (String path : paths.propertyNames()) {
            JsonNode item = paths.get(path);
            for (String method : item.propertyNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode operation = item.get(method);
                JsonNode scope = operation.get(SCOPE_EXTENSION);
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path,
                        scope == null || scope.isNull() ? null : scope.asString(), operation.has("requestBody")));
            }
        }
        return operations;
    }

    /** One dynamic test per operation; fails at once when the document lists none. */
    public static Stream<DynamicTest> dynamicTests(AppInstance app) {
        List<Operation> operations = operations(app);
        if (operations.isEmpty()) {
            throw new AssertionError("the OpenAPI document of " + app.baseUrl() + " lists no operation");
        }
        return operations.stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> check(app, op)));
    }

    /** The contract of one operation. */
    public static void check(AppInstance app, Operation op) {
        if (op.path().startsWith("/api/") && op.scope() == null) {
            throw new AssertionError(op + ": an API operation the document states no access rule for");
        }
        if (op.scope() == null) {
            expectReachesHandler(op, send(app, op, null));
            return;
        }
        expectProblem(op, send(app, op, null), 401, "no token");
        expectProblem(op, send(app, op, TestTokens.expired()), 401, "an expired token");
        expectProblem(op, send(app, op, TestTokens.signedByStranger()), 401, "a token signed by an untrusted key");
        if (op.scope().isEmpty()) {
            expectReachesHandler(op, send(app, op, TestTokens.withScopes("contract-no-scope")));
            return;
        }
        String[] others = KNOWN_SCOPES.stream().filter(s -> !s.equals(op.scope())).toArray(String[]::new);
        expectProblem(op, send(app, op, TestTokens.withScopes("contract-without-" + op.scope(), others)), 403,
                "a token without " + op.scope() + " (scopes " + Arrays.toString(others) + ")");
        expectReachesHandler(op, send(app, op, TestTokens.withScopes("contract-with-" + op.scope(), op.scope())));
    }

    private static HttpResponse<String> send(AppInstance app, Operation op, String authorization) {
        return switch (op.method()) {
            case "GET" -> app.get(op.concretePath(), authorization);
            case "POST" -> app.post(op.concretePath(), op.hasBody() ? "{}" : "", authorization);
            default -> app.send(op.method(), op.concretePath(), op.hasBody() ? "{}" : null, authorization);
        };
    }

    private static void expectProblem(Operation op, HttpResponse<String> response, int status, String with) {
        if (response.statusCode() != status) {
            throw new AssertionError(op + " with " + with + ": expected " + status + ", got " + response.statusCode()
                    + ": " + response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            throw new AssertionError(op + " with " + with + ": " + status + " without a problem body (" + type + ")");
        }
    }

    private static void expectReachesHandler(Operation op, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403 || status < 200 || status >= 500) {
            throw new AssertionError(op + " with a good token: expected 2xx or 4xx from the handler, got " + status
                    + ": " + response.body());
        }
    }
}
