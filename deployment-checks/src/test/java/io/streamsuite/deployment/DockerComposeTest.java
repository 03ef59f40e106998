package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml, as docker-compose itself resolves it, against the services' real configuration. */
class DockerComposeTest {

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void resolve() {
        Tools.dockerCompose("config", "-q");
        Map<String, Object> config = new Yaml(new LoaderOptions()).load(Tools.dockerCompose("config"));
        services = (Map<String, Map<String, Object>>) config.get("services");
    }

    @Test
    void composeFileIsValidAndBuildsEveryKafkaStreamsModuleOfTheRepo() {
        List<String> built = modules().values().stream().toList();
        List<String> streamsModules = Repo.modules().stream().map(p -> p.getFileName().toString())
                .filter(m -> !m.equals("deployment-checks") && ServiceConfig.of(m).isStreamsService()).toList();

        assertThat(built).containsAll(streamsModules).contains("event-simulator");
    }

    @Test
    void everyEnvironmentVariableOfAStreamsServiceBindsToARealProperty() {
        for (var entry : streamsServices().entrySet()) {
            ServiceConfig service = ServiceConfig.of(entry.getValue());
            assertThat(EnvNames.unbound(env(entry.getKey()).keySet(), service, List.of()))
                    .as("env of %s that binds to no property", entry.getKey()).isEmpty();
        }
    }

    @Test
    void streamsServicesPublishTheirServerPortAndAdvertiseTheirComposeName() {
        for (var entry : streamsServices().entrySet()) {
            String name = entry.getKey();
            Map<String, String> env = env(name);
            ServiceConfig service = ServiceConfig.of(entry.getValue());
            var kit = SpringProperties.bindKit(env, service);
            int port = service.serverPort(env);

            assertThat(containerPorts(name)).containsExactly(port);
            assertThat(kit.getApplicationServer()).isEqualTo(name + ":" + port);
            assertThat(kit.getBootstrapServers()).isEqualTo(internalKafkaListener());
            assertThat(kit.getSchemaRegistry().getUrl()).isEqualTo("http://registry:8080/apis/ccompat/v7");
            assertThat(kit.getReplicationFactor()).as("one broker").isEqualTo(1);
            assertThat((int) kit.getTopics().getReplicationFactor()).as("one broker").isEqualTo(1);
            assertThat(kit.getStateDir()).isNotBlank();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamsServicesWaitForTheirDependenciesAndReportReadiness() {
        for (var entry : streamsServices().entrySet()) {
            Map<String, Object> svc = services.get(entry.getKey());
            ServiceConfig service = ServiceConfig.of(entry.getValue());
            int port = service.serverPort(env(entry.getKey()));
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) svc.get("depends_on");
            List<String> test = (List<String>) ((Map<String, Object>) svc.get("healthcheck")).get("test");

            assertThat(dependsOn).containsEntry("registry", Map.of("condition", "service_healthy"))
                    .containsEntry("topics-init", Map.of("condition", "service_completed_successfully"));
            // The kit serves the readiness group on the main port at /readyz, open without a token.
            assertThat(String.join(" ", test)).contains("http://localhost:" + port + "/readyz");
        }
        assertThat(services.get("kafka")).containsKey("healthcheck");
        assertThat(services.get("registry")).containsKey("healthcheck");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryStreamsServiceOnItsMetricsPath() {
        Map<String, Object> prometheus = new Yaml(new LoaderOptions())
                .load(Repo.read(Repo.path("deploy/prometheus/prometheus.yml")));
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        Map<String, Object> sd = ((List<Map<String, Object>>) job.get("dns_sd_configs")).get(0);

        assertThat(String.valueOf(services.get("prometheus").get("volumes")))
                .contains("deploy/prometheus/prometheus.yml");
        for (var entry : streamsServices().entrySet()) {
            ServiceConfig service = ServiceConfig.of(entry.getValue());
            Map<String, Object> networks = (Map<String, Object>) services.get(entry.getKey()).get("networks");
            List<String> aliases = (List<String>) ((Map<String, Object>) networks.get("default")).get("aliases");

            assertThat(job.get("metrics_path")).isEqualTo(service.actuatorBasePath() + "/prometheus");
            assertThat(sd.get("port")).as("the management port").isEqualTo(service.managementPort(env(entry.getKey())));
            assertThat(aliases).as("DNS name Prometheus discovers %s by", entry.getKey())
                    .containsAnyElementsOf((List<String>) sd.get("names"));
        }
    }

    @Test
    void topicInitCreatesTheInputsEveryServiceReadsWithTheirKubernetesCleanupPolicy() {
        Map<String, String[]> created = topicInit();
        Manifests k8s = Manifests.overlay("local");
        Map<String, Map<String, Object>> kafkaTopics = KafkaResourcesTest.topics(k8s);

        assertThat(ServiceConfig.declaredAnywhere()).containsAll(created.keySet());
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            List<String> inputs = KafkaUserAcls.of(k8s, service.module).stream()
                    .filter(a -> a.type().equals("topic") && a.pattern().equals("literal"))
                    .filter(a -> a.operations().contains("Read") && io.streamsuite.kit.config.KitTopics
                            .of(service.applicationId(), service.deadLetterTopic()).stream()
                            .noneMatch(kitTopic -> kitTopic.name().equals(a.name())))
                    .map(KafkaUserAcls.Acl::name).toList();

            assertThat(created).as("inputs of %s", service.module).containsKeys(inputs.toArray(String[]::new));
            for (String input : inputs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) kafkaTopics.get(input).get("config");
                assertThat(created.get(input)[1]).as("cleanup.policy of %s", input)
                        .isEqualTo(config.get("cleanup.policy"));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void simulatorIsGivenOnlyOptionsItKnowsAndTheSameBrokerAndRegistry() {
        String name = modules().entrySet().stream().filter(e -> e.getValue().equals("event-simulator"))
                .map(Map.Entry::getKey).findFirst().orElseGet(() -> fail("no compose service builds event-simulator"));
        ServiceConfig simulator = ServiceConfig.of("event-simulator");
        List<String> command = (List<String>) services.get(name).get("command");
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : command) {
            Matcher m = Pattern.compile("--([a-z-]+)=(.*)").matcher(arg);
            assertThat(m.matches()).as("option %s", arg).isTrue();
            options.put(m.group(1), m.group(2));
        }

        assertThat(simulator.literals).as("option names the simulator parses").containsAll(options.keySet());
        assertThat(options).containsEntry("bootstrap-servers", internalKafkaListener())
                .containsEntry("schema-registry-url", "http://registry:8080/apis/ccompat/v7");
    }

    @Test
    void imagesAndRegistryRulesMatchWhatTheBuildAndTestsUse() {
        String pom = Repo.read(Repo.path("pom.xml"));
        Matcher apicurio = Pattern.compile("<apicurio\\.version>([^<]+)<").matcher(pom);
        assertThat(apicurio.find()).isTrue();

        assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + Repo.kafkaVersion());
        assertThat(services.get("topics-init").get("image")).isEqualTo("apache/kafka:" + Repo.kafkaVersion());
        assertThat(services.get("registry").get("image")).isEqualTo("apicurio/apicurio-registry:" + apicurio.group(1));
        assertThat(env("registry")).containsEntry("APICURIO_RULES_GLOBAL_COMPATIBILITY", "BACKWARD");
        assertThat(env("kafka")).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    }

    /** Compose service name to the module its image is built from. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> modules() {
        Map<String, String> out = new LinkedHashMap<>();
        services.forEach((name, svc) -> {
            if (svc.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args
                    && args.get("MODULE") != null) {
                out.put(name, String.valueOf(args.get("MODULE")));
            }
        });
        return out;
    }

    private static Map<String, String> streamsServices() {
        Map<String, String> out = new LinkedHashMap<>();
        modules().forEach((name, module) -> {
            if (ServiceConfig.of(module).isStreamsService()) {
                out.put(name, module);
            }
        });
        assertThat(out).as("Kafka Streams services in docker-compose.yml").isNotEmpty();
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object environment = services.get(service).get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> containerPorts(String service) {
        return ((List<Object>) services.get(service).getOrDefault("ports", List.of())).stream().map(p -> {
            if (p instanceof Map<?, ?> map) {
                return Integer.parseInt(String.valueOf(map.get("target")));
            }
            String[] parts = String.valueOf(p).split(":");
            return Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", ""));
        }).toList();
    }

    /** The listener Kafka advertises to other containers. */
    private static String internalKafkaListener() {
        String advertised = env("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        String inter = env("kafka").get("KAFKA_INTER_BROKER_LISTENER_NAME");
        for (String listener : advertised.split(",")) {
            if (listener.startsWith(inter + "://")) {
                return listener.substring(inter.length() + 3);
            }
        }
        return fail("Kafka advertises no " + inter + " listener: " + advertised);
    }

    /** topics-init's TOPICS: name to {partitions, cleanup.policy}. */
    private static Map<String, String[]> topicInit() {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String spec : env("topics-init").getOrDefault("TOPICS", "").trim().split("\\s+")) {
            String[] parts = spec.split(":");
            assertThat(parts).as("topic spec %s", spec).hasSize(3);
            assertThat(Integer.parseInt(parts[1])).isPositive();
            out.put(parts[0], new String[] {parts[1], parts[2]});
        }
        return out;
    }
}
