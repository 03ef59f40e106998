package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.streamsuite.deployment.KafkaUserAcls.Acl;
import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The README's reprocessing recipe on Kubernetes: a second deployment {@code <service>-v2} with
 * {@code streams-kit.output-version=v2} run with the first's KafkaUser. Everything it declares under the
 * {@code <service>-} prefix (dead letters, replay log, audit trail) and its transactional ids are granted already;
 * exactly its versioned outputs and its consumer group are not, which is the list the README says to add.
 */
class VersionedDeploymentAclsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    private static final OutputVersion V2 = OutputVersion.of("v2");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void aV2DeploymentUnderTheSameUserLacksOnlyItsVersionedOutputsAndItsGroup(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            String v2Id = service.applicationId() + "-v2";
            List<Acl> acls = KafkaUserAcls.of(k8s, set.getMetadata().getName());
            List<TopicSpec> declared = DeclaredTopics.of(service, v2Id, V2);
            List<TopicSpec> live = DeclaredTopics.of(service);

            assertThat(declared).as("%s under v2 declares outputs", service.module)
                    .filteredOn(t -> t.role() == TopicSpec.Role.OUTPUT && !t.name().startsWith(v2Id)).isNotEmpty()
                    .allSatisfy(output -> {
                        assertThat(output.name()).endsWith(".v2");
                        assertThat(KafkaResourcesTest.granted(acls, output.name()))
                                .as("%s on %s: granted by nothing yet (the README's addition)", service.module, output.name())
                                .isEmpty();
                        assertThat(live).as("the live output %s has the same policy", output.name())
                                .anySatisfy(l -> {
                                    assertThat(l.name() + ".v2").isEqualTo(output.name());
                                    assertThat(l.configs()).isEqualTo(output.configs());
                                });
                    });
            assertThat(declared).filteredOn(t -> t.name().startsWith(v2Id)).hasSize(3).allSatisfy(kit ->
                    assertThat(KafkaResourcesTest.granted(acls, kit.name()))
                            .as("%s's %s, by the %s- prefix", service.module, kit.name(), service.applicationId())
                            .containsAll(KafkaResourcesTest.neededOperations(kit.role())));
            assertThat(declared).filteredOn(t -> t.role() == TopicSpec.Role.INPUT).allSatisfy(input ->
                    assertThat(KafkaResourcesTest.granted(acls, input.name())).contains("Read"));
            assertThat(acls).as("transactional ids %s-… are covered, its group is not", v2Id)
                    .anyMatch(a -> a.type().equals("transactionalId") && a.pattern().equals("prefix")
                            && v2Id.startsWith(a.name()) && a.operations().containsAll(Set.of("Write", "Describe")))
                    .noneMatch(a -> a.type().equals("group") && (a.name().equals(v2Id)
                            || a.pattern().equals("prefix") && v2Id.startsWith(a.name())));
        }
    }
}
