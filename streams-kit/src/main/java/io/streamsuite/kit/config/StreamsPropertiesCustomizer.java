package io.streamsuite.kit.config;

import java.util.Map;

/**
 * Lets a kit concern (dead letters, metrics) add its Kafka Streams settings without the config
 * package knowing about it. Applied before the service's own {@code streams-kit.properties}.
 */
@FunctionalInterface
public interface StreamsPropertiesCustomizer {
    void customize(Map<String, Object> streamsProperties);
}
