package io.streamsuite.kit.serde;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client per distinct registry connection in the JVM: Kafka Streams configures a serde per task, and a
 * shared client means one cache and one connection pool instead of one per task.
 */
final class RegistryClients {

    private record ConnectionKey(List<String> urls, String credentialsSource, Optional<String> userInfo,
                                 Optional<String> bearerToken, Optional<AvroSerdeConfig.TrustStore> trustStore,
                                 Duration timeout, int maxRetries, Duration backoff) {
    }

    private static final Map<ConnectionKey, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private RegistryClients() {
    }

    static SchemaRegistryClient forConfig(AvroSerdeConfig config) {
        Optional<String> scope = config.mockScope();
        if (scope.isPresent()) {
            return InMemorySchemaRegistryClient.forScope(scope.get());
        }
        ConnectionKey key = new ConnectionKey(config.registryUrls(), config.basicAuthCredentialsSource(),
                config.basicAuthUserInfo(), config.bearerAuthToken(), config.trustStore(), config.requestTimeout(), config.maxRetries(), config.retryBackoff());
        return CLIENTS.computeIfAbsent(key, k -> new HttpSchemaRegistryClient(config));
    }
}
