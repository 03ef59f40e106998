package io.streamsuite.kit.serde;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;

/**
 * The serde settings. Names mirror Confluent's so configurations carry over; the last three are ours.
 * Values may be strings or typed values, as Kafka configs usually are.
 */
public record AvroSerdeConfig(
        List<String> registryUrls,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        boolean specificAvroReader,
        Optional<String> specificKeyType,
        Optional<String> specificValueType,
        String basicAuthCredentialsSource,
        Optional<String> basicAuthUserInfo,
        Optional<String> bearerAuthToken,
        Optional<TrustStore> trustStore,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff) {

    /** Comma-separated base URLs of the Confluent API, or {@code mock://<scope>} for the in-memory registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    /** {@code USER_INFO} (from {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (from user:password@ in the URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** {@code STATIC_TOKEN}: {@link #BEARER_AUTH_TOKEN} is sent as {@code Authorization: Bearer <token>}. */
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    /** A trust store for the registry's HTTPS certificate, instead of the JDK's default trust. */
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    /** {@code PKCS12} (the default; reads JKS too), {@code JKS}, or {@code PEM} (X.509 certificates in a text file). */
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

    public static final String MOCK_URL_PREFIX = "mock://";

    public static AvroSerdeConfig from(Map<String, ?> config) {
        Object urls = config.get(SCHEMA_REGISTRY_URL);
        if (urls == null || urls.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required (the registry's base URL, or mock://<scope> in tests)");
        }
        List<String> urlList = urls instanceof List<?> list
                ? list.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : Arrays.stream(urls.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String source = string(config, BASIC_AUTH_CREDENTIALS_SOURCE).orElse("USER_INFO").trim().toUpperCase();
        if (!source.equals("USER_INFO") && !source.equals("URL")) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported: USER_INFO, URL");
        }
        Optional<String> userInfo = string(config, BASIC_AUTH_USER_INFO).filter(v -> !v.isBlank());
        Optional<String> bearerToken = string(config, BEARER_AUTH_TOKEN).filter(v -> !v.isBlank());
        string(config, BEARER_AUTH_CREDENTIALS_SOURCE).map(v -> v.trim().toUpperCase()).ifPresent(bearerSource -> {
            if (!bearerSource.equals("STATIC_TOKEN")) {
                throw new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE, bearerSource, "supported: STATIC_TOKEN");
            }
            if (bearerToken.isEmpty()) {
                throw new ConfigException(BEARER_AUTH_TOKEN + " is required when " + BEARER_AUTH_CREDENTIALS_SOURCE
                        + " is STATIC_TOKEN");
            }
        });
        if (bearerToken.isPresent() && (userInfo.isPresent() || source.equals("URL") && hasUserInfo(urlList))) {
            throw new ConfigException("Set either " + BEARER_AUTH_TOKEN + " or basic auth (" + BASIC_AUTH_USER_INFO
                    + ", or user:password@ in " + SCHEMA_REGISTRY_URL + "), not both");
        }
        Optional<TrustStore> trustStore = string(config, SSL_TRUSTSTORE_LOCATION).filter(v -> !v.isBlank())
                .map(location -> new TrustStore(location.trim(), string(config, SSL_TRUSTSTORE_PASSWORD).filter(v -> !v.isEmpty()),
                        string(config, SSL_TRUSTSTORE_TYPE).map(v -> v.trim().toUpperCase()).filter(v -> !v.isEmpty())
                                .orElse(TrustStore.DEFAULT_TYPE)));
        int maxRetries = integer(config, MAX_RETRIES, 3);
        if (maxRetries < 0) {
            throw new ConfigException(MAX_RETRIES, maxRetries, "must be >= 0");
        }
        return new AvroSerdeConfig(urlList,
                bool(config, AUTO_REGISTER_SCHEMAS, true),
                bool(config, USE_LATEST_VERSION, false),
                bool(config, SPECIFIC_AVRO_READER, false),
                string(config, SPECIFIC_AVRO_KEY_TYPE),
                string(config, SPECIFIC_AVRO_VALUE_TYPE),
                source,
                userInfo,
                bearerToken,
                trustStore,
                Duration.ofMillis(positive(config, REQUEST_TIMEOUT_MS, 5000)),
                maxRetries,
                Duration.ofMillis(positive(config, RETRY_BACKOFF_MS, 200)));
    }

    /** Where the registry's trusted certificates are: a key store file, or PEM certificates. */
    public record TrustStore(String location, Optional<String> password, String type) {
        public static final String DEFAULT_TYPE = "PKCS12";

        @Override
        public String toString() {
            return "TrustStore[" + type + " " + location + (password.isPresent() ? ", password set]" : "]");
        }
    }

    /** Never the credentials: the record's default toString would print them into logs. */
    @Override
    public String toString() {
        return "AvroSerdeConfig[registryUrls=" + registryUrls.stream().map(AvroSerdeConfig::withoutUserInfo).toList()
                + ", basicAuth=" + (basicAuthUserInfo.isPresent() ? "set" : "none") + ", bearerAuth="
                + (bearerAuthToken.isPresent() ? "set" : "none") + ", trustStore=" + trustStore.map(Object::toString).orElse("JDK default") + "]";
    }

    private static boolean hasUserInfo(List<String> urls) {
        return urls.stream().anyMatch(url -> !withoutUserInfo(url).equals(url));
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** The scope of a {@code mock://} URL, if that is what is configured. */
    public Optional<String> mockScope() {
        return registryUrls.size() == 1 && registryUrls.get(0).startsWith(MOCK_URL_PREFIX)
                ? Optional.of(registryUrls.get(0).substring(MOCK_URL_PREFIX.length()))
                : Optional.empty();
    }

    private static Optional<String> string(Map<String, ?> config, String name) {
        Object value = config.get(name);
        return value == null ? Optional.empty() : Optional.of(value instanceof Class<?> c ? c.getName() : value.toString());
    }

    private static boolean bool(Map<String, ?> config, String name, boolean defaultValue) {
        Object value = config.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(name, value, "expected true or false");
    }

    private static int integer(Map<String, ?> config, String name, int defaultValue) {
        Object value = config.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "expected a whole number");
        }
    }

    private static long positive(Map<String, ?> config, String name, int defaultValue) {
        int value = integer(config, name, defaultValue);
        if (value <= 0) {
            throw new ConfigException(name, value, "must be > 0");
        }
        return value;
    }
}
