package io.streamsuite.kit.config;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires a {@link StreamsService} bean into a running Kafka Streams application. */
@AutoConfiguration
@EnableConfigurationProperties(StreamsKitProperties.class)
public class StreamsKitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AvroSerdes avroSerdes(StreamsKitProperties kit) {
        return AvroSerdes.fromConfig(StreamsConfigFactory.serdeProperties(kit));
    }

    /** {@code streams-kit.output-version}: services name their output topics through it ({@link OutputVersion#topic}). */
    @Bean
    @ConditionalOnMissingBean
    public OutputVersion outputVersion(StreamsKitProperties kit) {
        return kit.outputVersion();
    }

    @Bean
    @ConditionalOnBean(StreamsService.class)
    public KafkaStreamsRunner kafkaStreamsRunner(StreamsKitProperties kit, StreamsService service, AvroSerdes serdes,
                                                 ObjectProvider<StreamsPropertiesCustomizer> customizers,
                                                 ObjectProvider<KafkaStreams.StateListener> stateListeners,
                                                 ObjectProvider<StateRestoreListener> restoreListeners,
                                                 ApplicationContext context, Environment environment) {
        return new KafkaStreamsRunner(kit, service, serdes,
                List.copyOf(customizers.orderedStream().toList()),
                List.copyOf(stateListeners.orderedStream().toList()),
                List.copyOf(restoreListeners.orderedStream().toList()),
                () -> serverPort(context, environment));
    }

    /** Requests Tomcat rejects itself get a problem body too, and encoded slashes reach the app as data. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatProblemDetails() {
            return factory -> {
                factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                });
            };
        }
    }

    private static int serverPort(ApplicationContext context, Environment environment) {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            int port = web.getWebServer().getPort();
            if (port > 0) {
                return port;
            }
        }
        return environment.getProperty("server.port", Integer.class, 8080);
    }
}
