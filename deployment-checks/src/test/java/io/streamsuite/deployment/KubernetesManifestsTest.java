package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.streamsuite.kit.config.StreamsKitProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.core.env.StandardEnvironment;

/** The rendered StatefulSets and their Services against each service's real configuration. */
class KubernetesManifestsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyEnvironmentVariableBindsToARealPropertyOfTheService(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            Map<String, String> env = k8s.environment(set);

            assertThat(EnvNames.unbound(env.keySet(), service, Manifests.referencedVariables(Manifests.app(set))))
                    .as("env of %s in %s that binds to no property of the service", service.module, overlay)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void applicationServerIsThePodsStableDnsNameThroughTheHeadlessService(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            Map<String, String> env = k8s.environment(set);
            StreamsKitProperties kit = SpringProperties.bindKit(env, service);
            String governing = set.getSpec().getServiceName();
            Service headless = k8s.named(Service.class, governing)
                    .orElseGet(() -> fail(set.getMetadata().getName() + "'s serviceName " + governing + " is not rendered"));

            assertThat(headless.getSpec().getClusterIP()).as("governing Service is headless").isEqualTo("None");
            assertThat(headless.getSpec().getSelector()).isEqualTo(podLabels(set));
            assertThat(kit.getApplicationServer()).isEqualTo("%s.%s.%s.svc.cluster.local:%d", Manifests.podName(set),
                    governing, set.getMetadata().getNamespace(), service.serverPort(env));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void groupInstanceIdIsThePodNameAndTheStateDirIsOnThePersistentVolume(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            StreamsKitProperties kit = SpringProperties.bindKit(k8s.environment(set), service);
            List<String> claims = set.getSpec().getVolumeClaimTemplates().stream()
                    .map(c -> c.getMetadata().getName()).toList();

            assertThat(kit.getGroupInstanceId()).isEqualTo(Manifests.podName(set));
            assertThat(Manifests.app(set).getVolumeMounts())
                    .anySatisfy(m -> {
                        assertThat(claims).contains(m.getName());
                        assertThat(m.getMountPath()).isEqualTo(kit.getStateDir());
                    });
            assertThat(kit.getBootstrapServers()).isNotBlank();
            assertThat(kit.getSchemaRegistry().getUrl()).endsWith("/apis/ccompat/v7");
            assertThat(kit.getTopics().isCreate()).as("topics are KafkaTopic resources, not created by the app")
                    .isFalse();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void containerPortIsTheServersPortAndBothServicesTargetIt(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            int port = service.serverPort(k8s.environment(set));
            ContainerPort http = httpPort(set);
            List<Service> selecting = k8s.all(Service.class).stream()
                    .filter(s -> podLabels(set).equals(s.getSpec().getSelector())).toList();

            assertThat(http.getContainerPort()).isEqualTo(port);
            assertThat(selecting).as("headless and client Service of %s", service.module).hasSize(2);
            ContainerPort management = managementPort(set);
            assertThat(management.getContainerPort()).as("management.server.port")
                    .isEqualTo(service.managementPort(k8s.environment(set)));
            for (Service s : selecting) {
                assertThat(s.getSpec().getPorts()).anySatisfy(p ->
                        assertThat(p.getTargetPort().getStrVal()).isEqualTo(http.getName()));
                assertThat(s.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getTargetPort().getStrVal())
                        .isIn(http.getName(), management.getName()));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void probesUseTheHealthGroupsTheKitServesOnTheMainPort(String overlay) {
        StandardEnvironment kit = SpringProperties.kitDefaults();
        assertThat(kit.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        // Actuator is on the management port; the kit adds /livez and /readyz on the main one.
        assertThat(kit.getProperty("management.endpoint.health.probes.add-additional-paths")).isEqualTo("true");
        assertThat(kit.getProperty("management.endpoints.web.exposure.include")).contains("health", "prometheus");

        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            Container app = Manifests.app(set);
            assertThat(service.managementPort(k8s.environment(set))).isNotEqualTo(service.serverPort(k8s.environment(set)));
            assertThat(probe(app.getLivenessProbe(), set).getPath()).isEqualTo("/livez");
            assertThat(probe(app.getReadinessProbe(), set).getPath()).isEqualTo("/readyz");
            assertThat(probe(app.getStartupProbe(), set).getPath()).isEqualTo("/livez");
            for (Probe p : List.of(app.getLivenessProbe(), app.getReadinessProbe(), app.getStartupProbe())) {
                assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo(httpPort(set).getName());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void disruptionBudgetNetworkPolicyAndServiceMonitorCoverTheServicesPods(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            String name = set.getMetadata().getName();
            ServiceConfig service = ServiceConfig.of(name);
            Map<String, String> pods = podLabels(set);

            PodDisruptionBudget pdb = k8s.named(PodDisruptionBudget.class, name).orElseGet(() -> fail("no PDB " + name));
            assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(pods);

            NetworkPolicy policy = k8s.named(NetworkPolicy.class, name).orElseGet(() -> fail("no NetworkPolicy " + name));
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(pods);
            assertThat(policy.getSpec().getIngress()).hasSize(2);
            assertThat(policy.getSpec().getIngress()).as("the management port: Prometheus in monitoring only")
                    .anySatisfy(rule -> {
                        assertThat(rule.getPorts()).singleElement().satisfies(p ->
                                assertThat(p.getPort().getStrVal()).isEqualTo(managementPort(set).getName()));
                        assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                            assertThat(peer.getNamespaceSelector().getMatchLabels())
                                    .containsEntry("kubernetes.io/metadata.name", "monitoring");
                            assertThat(peer.getPodSelector().getMatchLabels())
                                    .containsEntry("app.kubernetes.io/name", "prometheus");
                        });
                    });
            assertThat(policy.getSpec().getIngress()).as("the REST port").anySatisfy(rule -> {
                assertThat(rule.getPorts()).singleElement()
                        .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo(httpPort(set).getName()));
                List<NetworkPolicyPeer> from = rule.getFrom();
                assertThat(from).as("not the monitoring namespace").noneMatch(peer -> peer.getNamespaceSelector() != null
                        && "monitoring".equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")));
                assertThat(from).as("the service's own pods").anyMatch(peer -> peer.getNamespaceSelector() == null
                        && peer.getPodSelector() != null && pods.equals(peer.getPodSelector().getMatchLabels()));
                assertThat(from).as("the ingress controller's namespace").anyMatch(peer ->
                        peer.getNamespaceSelector() != null && peer.getPodSelector() == null
                                && "ingress-nginx".equals(peer.getNamespaceSelector().getMatchLabels()
                                        .get("kubernetes.io/metadata.name")));
                assertThat(from).as("nothing open to every pod or namespace").allSatisfy(peer ->
                        assertThat(peer.getPodSelector() != null || peer.getNamespaceSelector() != null).isTrue());
            });

            GenericKubernetesResource monitor = k8s.custom("ServiceMonitor").stream()
                    .filter(m -> name.equals(m.getMetadata().getName())).findFirst()
                    .orElseGet(() -> fail("no ServiceMonitor " + name));
            @SuppressWarnings("unchecked")
            Map<String, Object> endpoint = ((List<Map<String, Object>>) Manifests.spec(monitor).get("endpoints")).get(0);
            assertThat(endpoint).containsEntry("path", service.actuatorBasePath() + "/prometheus")
                    .containsEntry("port", managementPort(set).getName());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerHasRequestsAndLimitsAndRunsAsNonRoot(String overlay) {
        for (StatefulSet set : Manifests.overlay(overlay).services()) {
            Container app = Manifests.app(set);
            assertThat(app.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(app.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(set.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        }
    }

    @Test
    void theBaseHoldsOnlyPlaceholderCredentials() {
        Manifests base = Manifests.parse("base", Tools.kustomize("k8s/base"));
        List<Secret> secrets = base.all(Secret.class);

        assertThat(secrets).isNotEmpty().allSatisfy(secret ->
                assertThat(Manifests.secretData(secret).values()).allSatisfy(v -> assertThat(v).contains("CHANGE_ME")));
    }

    @Test
    void localRunsOneSmallPlaintextInstanceWithoutStandbys() {
        Manifests k8s = Manifests.overlay("local");
        for (StatefulSet set : k8s.services()) {
            StreamsKitProperties kit =
                    SpringProperties.bindKit(k8s.environment(set), ServiceConfig.of(set.getMetadata().getName()));

            assertThat(set.getSpec().getReplicas()).isEqualTo(1);
            assertThat(kit.getStandbyReplicas()).isZero();
            assertThat(kit.getReplicationFactor()).isEqualTo(1);
            assertThat(kit.getProperties()).containsEntry("security.protocol", "PLAINTEXT");
        }
        assertThat(k8s.custom("KafkaTopic")).allSatisfy(t -> assertThat(Manifests.spec(t)).containsEntry("replicas", 1));
    }

    @Test
    void productionRunsThreeInstancesWithStandbysOverSaslSsl() {
        Manifests k8s = Manifests.overlay("production");
        for (StatefulSet set : k8s.services()) {
            Map<String, String> env = k8s.environment(set);
            StreamsKitProperties kit = SpringProperties.bindKit(env, ServiceConfig.of(set.getMetadata().getName()));

            assertThat(set.getSpec().getReplicas()).isEqualTo(3);
            assertThat(kit.getStandbyReplicas()).isGreaterThanOrEqualTo(1);
            assertThat(kit.getReplicationFactor()).isEqualTo(3);
            assertThat(kit.getProperties()).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", "secret:" + set.getMetadata().getName() + "/sasl.jaas.config");
            assertThat(k8s.isKafkaUserSecret(set.getMetadata().getName()))
                    .as("the SASL credentials come from the KafkaUser's Secret").isTrue();
            String truststore = kit.getProperties().get("ssl.truststore.location");
            assertThat(Manifests.app(set).getVolumeMounts())
                    .anySatisfy(m -> assertThat(truststore).startsWith(m.getMountPath() + "/"));
        }
        assertThat(k8s.custom("KafkaTopic")).allSatisfy(t -> assertThat(Manifests.spec(t)).containsEntry("replicas", 3));
    }

    static Map<String, String> podLabels(StatefulSet set) {
        Map<String, String> selector = set.getSpec().getSelector().getMatchLabels();
        assertThat(set.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
        return selector;
    }

    static ContainerPort httpPort(StatefulSet set) {
        return Manifests.app(set).getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseGet(() -> fail(set.getMetadata().getName() + " has no container port named http"));
    }

    static ContainerPort managementPort(StatefulSet set) {
        return Manifests.app(set).getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                .orElseGet(() -> fail(set.getMetadata().getName() + " has no container port named management"));
    }

    private static HTTPGetAction probe(Probe probe, StatefulSet set) {
        if (probe == null || probe.getHttpGet() == null) {
            fail(set.getMetadata().getName() + " lacks an HTTP probe");
        }
        return probe.getHttpGet();
    }
}
