package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KustomizeRenderTest {

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/local", "k8s/overlays/production"})
    void rendersWithKubectlKustomize(String dir) {
        String yaml = Tools.kustomize(dir);

        assertThat(yaml).contains("kind: StatefulSet").contains("kind: KafkaTopic").contains("kind: KafkaUser");
        // The template's placeholder name must be replaced everywhere.
        assertThat(yaml).doesNotContainPattern("(?m)(name|serviceName): service(-api|-credentials)?$")
                .doesNotContain("streamsuite/service\n")
                .doesNotContain(".service.$(POD_NAMESPACE)");
    }
}
