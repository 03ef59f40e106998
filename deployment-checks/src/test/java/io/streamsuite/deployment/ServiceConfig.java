package io.streamsuite.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service module really declares: its application.yml (default profile, flattened to
 * dotted keys), the environment variables its placeholders read, and the string constants of its
 * sources and of shared-schemas (topic names are declared once, as constants or config).
 */
final class ServiceConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Pattern STRING_CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    final String module;
    final Map<String, String> properties;
    final Set<String> placeholderNames;
    final Set<String> declaredStrings;
    /** The module's own constants by name, e.g. APPLICATION_ID. */
    final Map<String, String> constants;
    /** Every string literal of the module's sources (command-line option names, for one). */
    final Set<String> literals;

    private ServiceConfig(String module, Map<String, String> properties, Set<String> placeholderNames,
            Set<String> declaredStrings, Map<String, String> constants, Set<String> literals) {
        this.module = module;
        this.properties = properties;
        this.placeholderNames = placeholderNames;
        this.declaredStrings = declaredStrings;
        this.constants = constants;
        this.literals = literals;
    }

    static ServiceConfig of(String module) {
        Path dir = Repo.module(module);
        Path yml = dir.resolve("src/main/resources/application.yml");
        if (!Files.isRegularFile(yml)) {
            yml = dir.resolve("src/main/resources/application.yaml");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        // A module without application.yml runs on Boot's and the kit's defaults.
        List<Object> documents = new ArrayList<>();
        if (Files.isRegularFile(yml)) {
            new Yaml(new LoaderOptions()).loadAll(Repo.read(yml)).forEach(documents::add);
        }
        for (Object document : documents) {
            if (document instanceof Map<?, ?> map) {
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", map, flat);
                // Profile-specific documents do not apply to a deployment without that profile.
                if (!flat.containsKey("spring.config.activate.on-profile")) {
                    properties.putAll(flat);
                }
            }
        }
        Set<String> placeholders = new LinkedHashSet<>();
        properties.values().forEach(v -> {
            Matcher m = PLACEHOLDER.matcher(v);
            while (m.find()) {
                placeholders.add(m.group(1).trim());
            }
        });
        Map<String, String> constants = new LinkedHashMap<>(stringConstants(dir));
        Set<String> declared = new LinkedHashSet<>(constants.values());
        declared.addAll(stringConstants(Repo.path("shared-schemas")).values());
        properties.values().forEach(v -> declared.add(resolve(v, Map.of())));
        return new ServiceConfig(module, properties, placeholders, declared, constants, literals(dir));
    }

    /** String constants of every module: where the domains' input topics are declared. */
    static Set<String> declaredAnywhere() {
        Set<String> all = new LinkedHashSet<>();
        for (Path module : Repo.modules()) {
            all.addAll(stringConstants(module).values());
            Path yml = module.resolve("src/main/resources/application.yml");
            if (Files.isRegularFile(yml)) {
                for (Object document : new Yaml(new LoaderOptions()).loadAll(Repo.read(yml))) {
                    if (document instanceof Map<?, ?> map) {
                        Map<String, String> flat = new LinkedHashMap<>();
                        flatten("", map, flat);
                        flat.values().forEach(v -> all.add(resolve(v, Map.of())));
                    }
                }
            }
        }
        return all;
    }

    /** The property's value with placeholders resolved against the given environment, then their defaults. */
    Optional<String> get(String key, Map<String, String> env) {
        return Optional.ofNullable(properties.get(key)).map(v -> resolve(v, env));
    }

    int serverPort(Map<String, String> env) {
        String fromEnv = env.get("SERVER_PORT");
        return Integer.parseInt(fromEnv != null ? fromEnv : get("server.port", env).orElse("8080"));
    }

    /** streams-kit.application-id from application.yml, else the module's APPLICATION_ID constant. */
    String applicationId() {
        return get("streams-kit.application-id", Map.of())
                .or(() -> Optional.ofNullable(constants.get("APPLICATION_ID")))
                .orElseGet(() -> {
                    fail(module + " declares no application id (streams-kit.application-id in application.yml or an"
                            + " APPLICATION_ID constant)");
                    return null;
                });
    }

    String deadLetterTopic() {
        return get("streams-kit.dead-letter-topic", Map.of()).filter(s -> !s.isBlank())
                .orElse(applicationId() + ".dlq");
    }

    /** A topic name the service declares: a constant or config value, or its dead-letter topic. */
    boolean declares(String topic) {
        return declaredStrings.contains(topic) || (isStreamsService()
                && io.streamsuite.kit.config.KitTopics.of(applicationId(), deadLetterTopic()).stream()
                .anyMatch(spec -> spec.name().equals(topic)));
    }

    boolean isStreamsService() {
        return properties.containsKey("streams-kit.application-id") || constants.containsKey("APPLICATION_ID");
    }

    /** management.server.port as the service binds it: environment, application.yml, then the kit's default. */
    int managementPort(Map<String, String> env) {
        String fromEnv = env.get("MANAGEMENT_SERVER_PORT");
        return Integer.parseInt(fromEnv != null ? fromEnv : get("management.server.port", env)
                .orElse(SpringProperties.kitDefaults().getProperty("management.server.port")));
    }

    /** Actuator's base path as the service configures it (Boot's default otherwise). */
    String actuatorBasePath() {
        return get("management.endpoints.web.base-path", Map.of()).orElse("/actuator");
    }

    static String resolve(String value, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String replacement = env.containsKey(name) ? env.get(name) : m.group(2) == null ? "" : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key, nested, out);
            } else if (v instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Map<?, ?> nested) {
                        flatten(key + "[" + i + "]", nested, out);
                    } else {
                        out.put(key + "[" + i + "]", String.valueOf(item));
                    }
                }
            } else if (v != null) {
                out.put(key, String.valueOf(v));
            }
        });
    }

    private static Map<String, String> stringConstants(Path module) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path java : Repo.filesUnder(module.resolve("src/main/java"), ".java")) {
            Matcher m = STRING_CONSTANT.matcher(Repo.read(java));
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    private static Set<String> literals(Path module) {
        Set<String> out = new LinkedHashSet<>();
        for (Path java : Repo.filesUnder(module.resolve("src/main/java"), ".java")) {
            Matcher m = STRING_LITERAL.matcher(Repo.read(java));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
