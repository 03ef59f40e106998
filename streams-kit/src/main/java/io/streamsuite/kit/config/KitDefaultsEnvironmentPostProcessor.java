package io.streamsuite.kit.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service gets without writing them: probes, Prometheus, problem details, no stack
 * traces in error bodies. Added last, so a service's application.yml or the environment wins.
 */
public class KitDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "streamsKitDefaults";

    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus,metrics"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.show-details", "always"),
            Map.entry("management.endpoint.health.group.readiness.include", "readinessState,kafkaStreamsReadiness"),
            Map.entry("management.endpoint.health.group.liveness.include", "livenessState,kafkaStreamsLiveness"),
            Map.entry("management.metrics.tags.application", "${streams-kit.application-id:unknown}"),
            // Spring Security observes every filter, authentication and authorization of every request: Micrometer
            // work worth 4-9 % of a query's CPU (profiled) for spans nobody exports. http.server.requests still
            // times each request.
            Map.entry("management.observations.enable.spring.security", "false"),
            // Micrometer's logback binder installs a turbo filter that runs on every level check, and Kafka's
            // clients and Streams check trace on every record: 1-2.4 % of a busy stream thread (profiled), for a
            // count of log lines per level.
            Map.entry("spring.autoconfigure.exclude",
                    "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration"),
            Map.entry("spring.mvc.problemdetails.enabled", "true"),
            Map.entry("server.error.include-stacktrace", "never"),
            Map.entry("server.error.include-message", "always"),
            Map.entry("server.shutdown", "graceful"),
            // Tomcat would answer these characters with its own HTML 400 before Spring sees the request;
            // let them through so a malformed key gets the kit's problem-details answer instead.
            Map.entry("server.tomcat.relaxed-path-chars", "<,>,[,\\,],^,`,{,|,}"),
            Map.entry("server.tomcat.relaxed-query-chars", "<,>,[,\\,],^,`,{,|,}"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
    }
}
