package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A Spring Boot service around {@link PoisonService}: the kit does the rest, as for any real service. */
@SpringBootConfiguration
@EnableAutoConfiguration
class PoisonApplication {

    @Bean
    PoisonService poisonService(@Value("${poison.topic-prefix}") String topicPrefix) {
        return new PoisonService(topicPrefix);
    }

    /** Starts one instance on a free port against the test stack, with a fresh application id and topics. */
    static ConfigurableApplicationContext start(String name) {
        return startAs(KafkaStack.uniqueName(name));
    }

    /** As {@link #start(String)}, with the application id (and topic prefix) given, for topics made beforehand. */
    static ConfigurableApplicationContext startAs(String applicationId) {
        return AppInstance.start(PoisonApplication.class, applicationId, Map.of(
                "poison.topic-prefix", applicationId,
                "streams-kit.schema-registry.max-retries", 0,
                "streams-kit.schema-registry.request-timeout", "2s")).context();
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
