package io.streamsuite.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variable names the local stack, Compose and Kubernetes set really reach the kit's settings. */
class EnvironmentBindingTest {

    @Test
    void bindsUnderscoredEnvironmentNames() {
        StreamsKitProperties kit = bind(Map.of(
                "STREAMS_KIT_APPLICATION_ID", "fraud-detector",
                "STREAMS_KIT_STATE_DIR", "/var/lib/kafka-streams",
                "STREAMS_KIT_APPLICATION_SERVER", "pod-0.fraud:8080",
                "STREAMS_KIT_STANDBY_REPLICAS", "1",
                "STREAMS_KIT_SCHEMA_REGISTRY_URL", "http://registry/apis/ccompat/v7"));

        assertThat(kit.getApplicationId()).isEqualTo("fraud-detector");
        assertThat(kit.getStateDir()).isEqualTo("/var/lib/kafka-streams");
        assertThat(kit.getApplicationServer()).isEqualTo("pod-0.fraud:8080");
        assertThat(kit.getStandbyReplicas()).isEqualTo(1);
        assertThat(kit.getSchemaRegistry().getUrl()).isEqualTo("http://registry/apis/ccompat/v7");
    }

    private static StreamsKitProperties bind(Map<String, Object> environment) {
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        return new Binder(ConfigurationPropertySources.from(source)).bind("streams-kit", StreamsKitProperties.class)
                .orElseThrow(() -> new AssertionError("nothing bound"));
    }
}
