package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.streamsuite.kit.config.StreamsConfigFactory;
import io.streamsuite.kit.config.StreamsKitProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * One node or one zone lost never takes every instance of a service, and each pod's zone reaches
 * Kafka Streams' rack-aware standby placement through a token only its init container holds.
 */
class TopologySpreadTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    private static final String HOSTNAME = "kubernetes.io/hostname";
    private static final String ZONE = "topology.kubernetes.io/zone";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceSpreadsItsPodsOverNodesAndZones(String overlay) {
        for (StatefulSet set : Manifests.overlay(overlay).services()) {
            Map<String, String> pods = KubernetesManifestsTest.podLabels(set);
            List<TopologySpreadConstraint> constraints = set.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();

            TopologySpreadConstraint nodes = constraint(constraints, HOSTNAME, set);
            TopologySpreadConstraint zones = constraint(constraints, ZONE, set);
            for (TopologySpreadConstraint constraint : List.of(nodes, zones)) {
                assertThat(constraint.getMaxSkew()).isEqualTo(1);
                assertThat(constraint.getLabelSelector().getMatchLabels()).as("selects this service's pods").isEqualTo(pods);
            }
            assertThat(nodes.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
            assertThat(zones.getWhenUnsatisfiable()).isEqualTo("production".equals(overlay) ? "DoNotSchedule" : "ScheduleAnyway");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theZoneInitContainerWritesTheFileTheAppImportsAsStreamsKitZone(String overlay) {
        for (StatefulSet set : Manifests.overlay(overlay).services()) {
            PodSpec pod = set.getSpec().getTemplate().getSpec();
            Container zone = pod.getInitContainers().stream().filter(c -> "zone".equals(c.getName())).findFirst().orElseThrow();
            Container app = Manifests.app(set);
            String script = String.join(" ", zone.getCommand());

            VolumeMount written = mount(zone, "topology");
            VolumeMount read = mount(app, "topology");
            assertThat(script).contains("> " + written.getMountPath() + "/streams-kit.zone")
                    .contains("/api/v1/nodes/$NODE_NAME").contains("topology\\.kubernetes\\.io\\/zone");
            assertThat(read.getMountPath()).isEqualTo(written.getMountPath());
            assertThat(read.getReadOnly()).isTrue();
            assertThat(env(app, "SPRING_CONFIG_IMPORT")).isEqualTo("optional:configtree:" + read.getMountPath() + "/");
            assertThat(zone.getEnv()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("NODE_NAME");
                assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
            });

            // The file's name is the property's name; the kit turns it into KIP-708's client tag.
            StreamsKitProperties kit = new Binder(new MapConfigurationPropertySource(Map.of("streams-kit.zone", "eu-west-1b")))
                    .bind("streams-kit", StreamsKitProperties.class).get();
            Map<String, Object> streams = StreamsConfigFactory.streamsProperties(kit, "pod:8080", List.of());
            assertThat(streams).containsEntry("client.tag.zone", "eu-west-1b").containsEntry("rack.aware.assignment.tags", "zone");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyTheInitContainerHoldsAnApiTokenAndItMayOnlyGetNodes(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            PodSpec pod = set.getSpec().getTemplate().getSpec();
            String account = pod.getServiceAccountName();
            assertThat(account).isEqualTo(set.getMetadata().getName());
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(k8s.named(ServiceAccount.class, account).orElseThrow().getAutomountServiceAccountToken()).isFalse();

            Volume token = pod.getVolumes().stream().filter(v -> v.getProjected() != null
                    && v.getProjected().getSources().stream().anyMatch(s -> s.getServiceAccountToken() != null)).findFirst().orElseThrow();
            assertThat(token.getProjected().getSources()).anySatisfy(s -> {
                if (s.getServiceAccountToken() != null) {
                    assertThat(s.getServiceAccountToken().getExpirationSeconds()).isLessThanOrEqualTo(3600L);
                }
            });
            Container zone = pod.getInitContainers().stream().filter(c -> "zone".equals(c.getName())).findFirst().orElseThrow();
            assertThat(zone.getVolumeMounts()).anySatisfy(m -> assertThat(m.getName()).isEqualTo(token.getName()));
            assertThat(Manifests.app(set).getVolumeMounts()).noneSatisfy(m -> assertThat(m.getName()).isEqualTo(token.getName()));

            List<ClusterRoleBinding> bindings = k8s.all(ClusterRoleBinding.class).stream()
                    .filter(b -> b.getSubjects().stream().anyMatch(s -> account.equals(s.getName())
                            && "ServiceAccount".equals(s.getKind())))
                    .toList();
            assertThat(bindings).hasSize(1);
            assertThat(bindings.get(0).getSubjects().get(0).getNamespace()).isEqualTo(set.getMetadata().getNamespace());
            ClusterRole role = k8s.named(ClusterRole.class, bindings.get(0).getRoleRef().getName()).orElseThrow();
            assertThat(role.getRules()).hasSize(1);
            PolicyRule rule = role.getRules().get(0);
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("nodes");
            assertThat(rule.getVerbs()).containsExactly("get");
        }
    }

    private static TopologySpreadConstraint constraint(List<TopologySpreadConstraint> constraints, String key, StatefulSet set) {
        assertThat(constraints).as(set.getMetadata().getName() + " spreads by " + key)
                .anySatisfy(c -> assertThat(c.getTopologyKey()).isEqualTo(key));
        return constraints.stream().filter(c -> key.equals(c.getTopologyKey())).findFirst().orElseThrow();
    }

    private static VolumeMount mount(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(m -> volume.equals(m.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not mount " + volume));
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }
}
