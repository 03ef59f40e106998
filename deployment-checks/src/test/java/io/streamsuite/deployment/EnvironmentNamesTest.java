package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name check itself: it follows Spring's relaxed binding and knows the kit's real properties. */
class EnvironmentNamesTest {

    @Test
    void kitPropertiesBindFromTheirEnvironmentNames() {
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_APPLICATION_SERVER"))
                .contains("streams-kit.application-server");
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"))
                .contains("streams-kit.schema-registry.basic-auth-user-info");
        assertThat(SpringProperties.propertyBoundBy("STREAMSKIT_PROPERTIES_SECURITY_PROTOCOL"))
                .contains("streams-kit.properties.*");
        assertThat(SpringProperties.propertyBoundBy("SERVER_PORT")).contains("server.port");
    }

    /** Spring maps STREAMS_KIT_X to streams-kit.x only for plain properties; a map entry needs the dash dropped. */
    @Test
    void kafkaClientPropertiesReachThePassthroughMapOnlyUnderTheCanonicalPrefix() {
        ServiceConfig none = ServiceConfig.of("streams-kit");

        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_PROPERTIES_SECURITY_PROTOCOL")).isEmpty();
        assertThat(SpringProperties.bindKit(Map.of("STREAMS_KIT_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL"), none)
                .getProperties()).isEmpty();
        assertThat(SpringProperties.bindKit(Map.of("STREAMSKIT_PROPERTIES_SASL_JAAS_CONFIG", "x"), none)
                .getProperties()).containsExactly(Map.entry("sasl.jaas.config", "x"));
    }

    @Test
    void aMisspelledOrRenamedPropertyBindsToNothing() {
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_APPLICATION_SERVR")).isEmpty();
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_GROUP_INSTANCE")).isEmpty();
        assertThat(SpringProperties.propertyBoundBy("KAFKA_STREAMS_STANDBY_REPLICAS")).isEmpty();
    }
}
