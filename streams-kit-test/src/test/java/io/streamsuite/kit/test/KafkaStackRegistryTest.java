package io.streamsuite.kit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

@WithKafkaStack
class KafkaStackRegistryTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String V1 = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}";
    private static final String ADDS_FIELD_WITHOUT_DEFAULT = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\"}]}";
    private static final String ADDS_FIELD_WITH_DEFAULT = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":0}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void registryDefaultsToBackwardCompatibilityAndRefusesAnIncompatibleSchemaWith409() throws Exception {
        String subject = KafkaStack.uniqueName("probe") + "-value";

        HttpResponse<String> first = register(subject, V1);
        HttpResponse<String> incompatible = register(subject, ADDS_FIELD_WITHOUT_DEFAULT);
        HttpResponse<String> compatible = register(subject, ADDS_FIELD_WITH_DEFAULT);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).matches("\\{\"id\":\\d+}");
        assertThat(incompatible.statusCode()).isEqualTo(409);
        assertThat(compatible.statusCode()).isEqualTo(200);
        assertThat(compatible.body()).isNotEqualTo(first.body());
    }

    @Test
    void outageRefusesConnectionsAndAfterResumeTheRegistryStillHasItsSchemas() throws Exception {
        String subject = KafkaStack.uniqueName("outage") + "-value";
        String id = register(subject, V1).body();

        try (RegistryOutage outage = KafkaStack.registryOutage()) {
            assertThat(outage.isActive()).isTrue();
            // Refused for a new connection, reset for the pooled one the registration left open.
            assertThatThrownBy(() -> get("/subjects/" + subject + "/versions/latest")).isInstanceOf(IOException.class);
        }

        HttpResponse<String> latest = get("/subjects/" + subject + "/versions/latest");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains(id.replaceAll("[{}]", ""));
    }

    @Test
    void outageCanBeResumedExplicitlyAndDropsConnectionsAlreadyOpen() throws Exception {
        assertThat(get("/subjects").statusCode()).isEqualTo(200);

        RegistryOutage outage = KafkaStack.registryOutage();
        assertThatThrownBy(() -> get("/subjects")).isInstanceOf(IOException.class);
        outage.resume();

        assertThat(outage.isActive()).isFalse();
        assertThat(get("/subjects").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> register(String subject, String escapedSchema) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(KafkaStack.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + escapedSchema + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(KafkaStack.schemaRegistryUrl() + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
