package io.streamsuite.kit.security;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Actuator on its own management port (Prometheus and full health there, reachable only from the
 * monitoring namespace), the probes also on the main port at {@code /livez} and {@code /readyz}.
 * Added last, so a service's application.yml or the environment ({@code MANAGEMENT_SERVER_PORT}) wins.
 */
public class SecurityDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "streamsKitSecurityDefaults";
    public static final int MANAGEMENT_PORT = 9091;

    private static final Map<String, Object> DEFAULTS = Map.of(
            "management.server.port", Integer.toString(MANAGEMENT_PORT),
            "management.endpoint.health.probes.add-additional-paths", "true");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
    }
}
