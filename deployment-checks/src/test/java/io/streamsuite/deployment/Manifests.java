package io.streamsuite.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One overlay as `kubectl kustomize` renders it, parsed into fabric8's Kubernetes model. */
final class Manifests {

    static final List<String> OVERLAYS = List.of("local", "production");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static final Pattern DEPENDENT_VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    final String overlay;
    final List<HasMetadata> resources;

    private Manifests(String overlay, List<HasMetadata> resources) {
        this.overlay = overlay;
        this.resources = resources;
    }

    static Manifests overlay(String name) {
        return RENDERED.computeIfAbsent(name, n -> parse(n, Tools.kustomize("k8s/overlays/" + n)));
    }

    static Manifests parse(String name, String yaml) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return new Manifests(name, resources);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return resources.stream()
                .filter(r -> r instanceof GenericKubernetesResource && kind.equals(r.getKind()))
                .map(GenericKubernetesResource.class::cast)
                .toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    /** The services deployed here: one StatefulSet each, named after its module. */
    List<StatefulSet> services() {
        List<StatefulSet> sets = all(StatefulSet.class);
        if (sets.isEmpty()) {
            fail("overlay " + overlay + " deploys no StatefulSet");
        }
        return sets;
    }

    static Container app(StatefulSet set) {
        return set.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "app".equals(c.getName()))
                .findFirst()
                .orElseGet(() -> {
                    fail(set.getMetadata().getName() + " has no container named 'app'");
                    return null;
                });
    }

    static String podName(StatefulSet set) {
        return set.getMetadata().getName() + "-0";
    }

    /**
     * The container's environment as the kubelet builds it for pod 0: envFrom sources, then env in
     * order with $(VAR) expanded. Values from Secrets that are not rendered (Strimzi writes the
     * KafkaUser's) stand as "secret:NAME/KEY".
     */
    Map<String, String> environment(StatefulSet set) {
        Container container = app(set);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                env.putAll(named(ConfigMap.class, name).map(ConfigMap::getData).orElseGet(() -> {
                    fail(set.getMetadata().getName() + " reads ConfigMap " + name + ", which is not rendered");
                    return Map.of();
                }));
            }
            if (from.getSecretRef() != null) {
                named(Secret.class, from.getSecretRef().getName()).map(Manifests::secretData).ifPresent(env::putAll);
            }
        }
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), expand(var.getValue() == null ? "" : var.getValue(), env));
            } else if (var.getValueFrom().getFieldRef() != null) {
                String path = var.getValueFrom().getFieldRef().getFieldPath();
                env.put(var.getName(), switch (path) {
                    case "metadata.name" -> podName(set);
                    case "metadata.namespace" -> set.getMetadata().getNamespace();
                    default -> "field:" + path;
                });
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                Optional<Secret> secret = named(Secret.class, ref.getName());
                if (secret.isPresent()) {
                    String value = secretData(secret.get()).get(ref.getKey());
                    if (value == null) {
                        fail(var.getName() + " reads key " + ref.getKey() + " that Secret " + ref.getName() + " lacks");
                    }
                    env.put(var.getName(), value);
                } else if (Boolean.TRUE.equals(ref.getOptional()) || isKafkaUserSecret(ref.getName())) {
                    env.put(var.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
                } else {
                    fail(var.getName() + " reads Secret " + ref.getName() + ", which nothing creates");
                }
            } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                env.put(var.getName(), named(ConfigMap.class, ref.getName()).map(c -> c.getData().get(ref.getKey()))
                        .orElse("configmap:" + ref.getName() + "/" + ref.getKey()));
            }
        }
        return env;
    }

    /** Names used only inside other variables' $(NAME) references. */
    static List<String> referencedVariables(Container container) {
        List<String> names = new ArrayList<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                Matcher m = DEPENDENT_VAR.matcher(var.getValue());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    boolean isKafkaUserSecret(String name) {
        return custom("KafkaUser").stream().anyMatch(u -> name.equals(u.getMetadata().getName()));
    }

    static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v),
                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        Object spec = resource.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String expand(String value, Map<String, String> env) {
        Matcher m = DEPENDENT_VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // Like the kubelet: an undefined $(NAME) stays as written.
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
