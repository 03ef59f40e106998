package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name check itself: it follows Spring's relaxed binding and knows the kit's real properties. */
class EnvironmentNamesTest {

    @Test
    void kitPropertiesBindFromTheirEnvironmentNames() {
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_APPLICATION_SERVER"))
                .contains("streams-kit.application-server");
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"))
                .contains("streams-kit.schema-registry.basic-auth-user-info");
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_PROPERTIES_SECURITY_PROTOCOL"))
                .contains("streams-kit.properties.*");
        assertThat(SpringProperties.propertyBoundBy("SERVER_PORT")).contains("server.port");
    }

    @Test
    void aMisspelledOrRenamedPropertyBindsToNothing() {
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_APPLICATION_SERVR")).isEmpty();
        assertThat(SpringProperties.propertyBoundBy("STREAMS_KIT_GROUP_INSTANCE")).isEmpty();
        assertThat(SpringProperties.propertyBoundBy("KAFKA_STREAMS_STANDBY_REPLICAS")).isEmpty();
    }
}
