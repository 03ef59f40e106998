package io.streamsuite.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.kit.config.KitDefaultsEnvironmentPostProcessor;
import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.security.SecurityDefaultsEnvironmentPostProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The properties a Spring Boot service really has, read from the configuration metadata that
 * spring-boot-configuration-processor writes into each jar (the kit's streams-kit.* and Boot's own),
 * and Spring's own rules for turning environment variable names into property names.
 */
final class SpringProperties {

    private record Known(String name, ConfigurationPropertyName parsed, boolean isMap) {
    }

    private static final List<Known> KNOWN = loadMetadata();

    private SpringProperties() {
    }

    /** The property an environment variable binds to, as Spring Boot's relaxed binding maps it. */
    static Optional<String> propertyBoundBy(String envName) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(envSource(Map.of(envName, "x")));
        for (Known known : KNOWN) {
            ConfigurationProperty property = source.getConfigurationProperty(known.parsed());
            if (property != null) {
                return Optional.of(known.name());
            }
        }
        // Map entries: only what the Binder really puts into the map counts (it is stricter than the name match).
        Binder binder = new Binder(source);
        for (Known known : KNOWN) {
            if (known.isMap() && source.containsDescendantOf(known.parsed()) == ConfigurationPropertyState.PRESENT
                    && binder.bind(known.parsed(), Bindable.mapOf(String.class, String.class))
                            .map(m -> !m.isEmpty()).orElse(false)) {
                return Optional.of(known.name() + ".*");
            }
        }
        return Optional.empty();
    }

    static boolean isKnown(String propertyName) {
        return KNOWN.stream().anyMatch(k -> k.name().equals(propertyName));
    }

    /** The kit's properties as the service would bind them: environment first, then its application.yml. */
    static StreamsKitProperties bindKit(Map<String, String> env, ServiceConfig service) {
        Map<String, Object> fromYml = new LinkedHashMap<>();
        service.properties.keySet().forEach(k -> fromYml.put(k, service.get(k, env).orElse("")));
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        sources.add(ConfigurationPropertySource.from(envSource(env)));
        sources.add(ConfigurationPropertySource.from(new MapPropertySource("application.yml", fromYml)));
        return new Binder(sources).bind("streams-kit", StreamsKitProperties.class)
                .orElseGet(StreamsKitProperties::new);
    }

    /** What the kit's defaults set, before any service overrides them. */
    static StandardEnvironment kitDefaults() {
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources propertySources) {
                // Only the kit's defaults: the machine's own environment must not leak into the check.
            }
        };
        new KitDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        new SecurityDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static SystemEnvironmentPropertySource envSource(Map<String, String> env) {
        return new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Collections.unmodifiableMap(new LinkedHashMap<>(env)));
    }

    private static List<Known> loadMetadata() {
        ObjectMapper json = new ObjectMapper();
        List<Known> known = new ArrayList<>();
        try {
            for (URL url : Collections.list(SpringProperties.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asText();
                        if (!ConfigurationPropertyName.isValid(name)) {
                            continue;
                        }
                        boolean isMap = property.path("type").asText().startsWith("java.util.Map<");
                        known.add(new Known(name, ConfigurationPropertyName.of(name), isMap));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (known.stream().noneMatch(k -> k.name().startsWith("streams-kit."))) {
            throw new IllegalStateException("the kit's spring-configuration-metadata.json is not on the classpath:"
                    + " streams-kit must be built with spring-boot-configuration-processor");
        }
        return known;
    }
}
