package io.streamsuite.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.example.ExampleApplication;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Liveness fails only when Streams stops without being asked to, so Kubernetes restarts that pod. */
@WithKafkaStack
class LivenessTest {

    @Test
    void livenessGoesDownWhenStreamsStopsUnexpectedly() {
        try (AppInstance app = AppInstance.start(ExampleApplication.class, KafkaStack.uniqueName("liveness"), Map.of())) {
            app.awaitReady(Duration.ofMinutes(2));
            assertThat(app.get("/livez", null).statusCode()).isEqualTo(200);

            // Not through the runner: as if Streams had died on its own.
            app.bean(KafkaStreamsRunner.class).streams().orElseThrow().close(Duration.ofSeconds(30));

            HttpResponse<String> liveness = app.get("/livez", null);
            assertThat(liveness.statusCode()).isEqualTo(503);
            assertThat(liveness.body()).contains("\"DOWN\"").contains("NOT_RUNNING");
            assertThat(app.get("/readyz", null).statusCode()).isEqualTo(503);
        }
    }
}
