package io.streamsuite.kit.serde;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InterruptException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a Confluent-compatible registry (Confluent, Apicurio's ccompat API, Karapace) over HTTP(S).
 * Connect failures, timeouts, 5xx and answers that cannot be the registry's own (a 2xx that is not its JSON, a
 * redirect, a 404 without its error body) are retried a bounded number of times with exponential backoff, moving
 * to the next URL, then reported as {@link SchemaRegistryUnavailableException}: transient, never a dead letter.
 * A refusal with the registry's error body (e.g. 404 / 40403) is a {@link SchemaRegistryException}; 401/403 is a
 * {@link SchemaRegistryAccessDeniedException}. {@code io.streamsuite.kit.failure.FailureFate} says where each goes.
 * Credentials: basic auth ({@code basic.auth.user.info}, or user:password@ in the URL) or a bearer token
 * ({@code bearer.auth.token}). HTTPS trusts {@code schema.registry.ssl.truststore.*} when set, else the JDK's
 * default; a certificate that trust rejects is a {@link SchemaRegistryUntrustedException}, at once, never retried.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final List<URI> baseUrls;
    private final Optional<String> authorization;
    private final Optional<String> trustStore;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final HttpClient http;
    private final AtomicInteger nextUrl = new AtomicInteger();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(AvroSerdeConfig config) {
        if (config.registryUrls().isEmpty()) {
            throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL + " holds no URL");
        }
        List<URI> urls = new ArrayList<>();
        String urlUserInfo = null;
        for (String url : config.registryUrls()) {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (uri.getRawUserInfo() != null) {
                urlUserInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
                uri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawUserInfo().length() + 1)
                        + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            }
            urls.add(uri);
        }
        this.baseUrls = List.copyOf(urls);
        String userInfo = config.basicAuthCredentialsSource().equals("URL")
                ? urlUserInfo
                : config.basicAuthUserInfo().orElse(null);
        this.authorization = config.bearerAuthToken().map(token -> "Bearer " + token.trim())
                .or(() -> Optional.ofNullable(userInfo)
                        .map(u -> "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))));
        this.trustStore = config.trustStore().map(store -> store.location() + " (" + store.type() + ")");
        this.requestTimeout = config.requestTimeout();
        this.maxRetries = config.maxRetries();
        this.retryBackoff = config.retryBackoff();
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        RegistryTls.context(config.trustStore()).ifPresent(http::sslContext);
        this.http = http.build();
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
        return remember(subject, schema, requiredInt(answer, "id"));
    }

    @Override
    public int lookup(String subject, Schema schema) {
        Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
        return remember(subject, schema, requiredInt(answer, "id"));
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null, null);
        return schemasById.computeIfAbsent(id, k -> parse(answer, "schema id " + id));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject);
        int id = requiredInt(answer, "id");
        Schema schema = schemasById.computeIfAbsent(id, k -> parse(answer, "subject " + subject));
        return new RegisteredSchema(subject, id, requiredInt(answer, "version"), schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema), subject);
            JsonNode verdict = answer.get("is_compatible");
            if (verdict == null || !verdict.isBoolean()) {
                throw new SchemaRegistryException("Registry gave no is_compatible for subject " + subject + ": " + answer, -1, -1);
            }
            return verdict.booleanValue();
        } catch (SchemaNotFoundException e) {
            return true;
        }
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), JSON.writeValueAsString(Map.of("compatibility", level.name())), subject);
    }

    private int remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private static String schemaBody(Schema schema) {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private static Schema parse(JsonNode answer, String what) {
        JsonNode type = answer.get("schemaType");
        if (type != null && type.isString() && !type.stringValue().equalsIgnoreCase("AVRO")) {
            throw new SchemaRegistryException("The registry's " + what + " is a " + type.stringValue() + " schema, not Avro", -1, -1);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isString()) {
            throw new SchemaRegistryUnavailableException("The registry's answer for " + what + " holds no schema: "
                    + abbreviate(answer.toString()), null);
        }
        try {
            return new Schema.Parser().parse(text.stringValue());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("The registry's " + what + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isIntegralNumber()) {
            // JSON, but not what a registry says: something else answers at this URL.
            throw new SchemaRegistryUnavailableException("The registry's answer has no '" + field + "': "
                    + abbreviate(answer.toString()), null);
        }
        return value.intValue();
    }

    private JsonNode call(String method, String path, String body, String subject) {
        int attempts = maxRetries + 1;
        String lastProblem = null;
        Exception lastCause = null;
        URI lastUrl = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                backoff(attempt - 1);
            }
            URI base = baseUrls.get(Math.floorMod(nextUrl.get(), baseUrls.size()));
            lastUrl = URI.create(base + path);
            HttpResponse<String> response;
            try {
                response = http.send(request(method, lastUrl, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (RegistryTls.isUntrustedCertificate(e)) {
                    // Retrying cannot make a certificate trusted: it is the setup that is wrong.
                    throw new SchemaRegistryUntrustedException("The schema registry's certificate at " + lastUrl
                            + " is not trusted by " + trustStore.orElse("the JDK's default trust store") + " ("
                            + rootMessage(e) + "); set " + AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION
                            + " to a trust store holding its CA", e);
                }
                // Connection refused or dropped, timed out: try again, on the next URL if there is one.
                nextUrl.incrementAndGet();
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastCause = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            int status = response.statusCode();
            String notTheRegistry = notTheRegistrysAnswer(response);
            if (notTheRegistry == null) {
                if (status >= 200 && status < 300) {
                    return JSON.readTree(response.body());
                }
                if (status != 408 && status != 429 && status < 500) {
                    throw refusal(method, lastUrl, response, subject);
                }
            }
            // Down, overloaded, or someone else answering in its place (a proxy, a login page, a replica that
            // is behind): the record is not at fault, so try again and in the end report the registry unavailable.
            nextUrl.incrementAndGet();
            lastProblem = notTheRegistry != null ? notTheRegistry : "HTTP " + status + " " + errorMessage(response);
            lastCause = null;
        }
        throw new SchemaRegistryUnavailableException("Schema registry unavailable: " + method + " " + lastUrl + " failed "
                + attempts + " time(s), last: " + lastProblem, lastCause);
    }

    private HttpRequest request(String method, URI url, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private RuntimeException refusal(String method, URI url, HttpResponse<String> response, String subject) {
        int status = response.statusCode();
        int errorCode = errorCode(response);
        String message = "Schema registry refused " + method + " " + url + ": HTTP " + status
                + (errorCode > 0 ? " error " + errorCode : "") + " " + errorMessage(response);
        return switch (status) {
            case 401, 403 -> new SchemaRegistryAccessDeniedException(message);
            case 404 -> new SchemaNotFoundException(message, errorCode);
            case 409 -> new IncompatibleSchemaException(subject, "Schema is incompatible with subject '" + subject
                    + "' under its compatibility rule: " + message);
            default -> new SchemaRegistryException(message, status, errorCode);
        };
    }

    /**
     * Why this answer cannot be the registry's own, or null when it can be: a 2xx must be a JSON object; a
     * redirect was not followed (another scheme, or a login page); a 4xx refusal must carry the registry's error
     * body ({@code error_code}), except for the statuses the registry alone gives (auth, 409, 422).
     */
    private static String notTheRegistrysAnswer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return isJsonObject(response.body()) ? null
                    : "HTTP " + status + " with a body that is not the registry's JSON ("
                    + response.headers().firstValue("Content-Type").orElse("no content type") + "): " + abbreviate(response.body());
        }
        if (status >= 300 && status < 400) {
            return "HTTP " + status + " redirect to " + response.headers().firstValue("Location").orElse("(no Location)")
                    + " (a login page or a proxy in front of the registry?)";
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 409
                && status != 422 && status != 429 && errorCode(response) < 0) {
            return "HTTP " + status + " without a registry error body (a proxy, or a replica that is behind?): "
                    + abbreviate(response.body());
        }
        return null;
    }

    private static boolean isJsonObject(String body) {
        try {
            return body != null && JSON.readTree(body).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static int errorCode(HttpResponse<String> response) {
        try {
            JsonNode code = JSON.readTree(response.body()).get("error_code");
            return code != null && code.isIntegralNumber() ? code.intValue() : -1;
        } catch (JacksonException e) {
            return -1;
        }
    }

    private static String errorMessage(HttpResponse<String> response) {
        try {
            JsonNode message = JSON.readTree(response.body()).get("message");
            if (message != null && message.isString()) {
                return message.stringValue();
            }
        } catch (JacksonException ignored) {
            // Not JSON (a proxy's page, say): show the raw start instead.
        }
        return abbreviate(response.body());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private void backoff(int retry) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), retryBackoff.toMillis() << Math.min(retry - 1, 20));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
