package io.streamsuite.kit.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.config.StreamsKitAutoConfiguration;
import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.config.StreamsPropertiesCustomizer;
import io.streamsuite.kit.security.OpenPaths;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The live page at {@code /} (static files under {@code /dashboard/}, uPlot from its webjar) and the
 * JSON it polls. A service adds panels by declaring {@link DashboardPanel} beans.
 */
@AutoConfiguration(after = StreamsKitAutoConfiguration.class)
@ConditionalOnBean(KafkaStreamsRunner.class)
@ConditionalOnWebApplication
public class DashboardAutoConfiguration {

    /** Static files only, no data: a security configuration lets these through without a token. */
    public static final List<String> PUBLIC_PATHS = List.of("/", "/dashboard/**", "/webjars/**");

    static final String PAGE = "/dashboard/index.html";

    /** The page and its scripts load without a token; every figure they show comes from the protected API. */
    @Bean
    public OpenPaths dashboardOpenPaths() {
        return new OpenPaths(PUBLIC_PATHS);
    }

    @Bean
    public RecordFlow recordFlow(StreamsKitProperties kit, ObjectProvider<MeterRegistry> registry) {
        return new RecordFlow(kit.getApplicationId(), kit.resolvedDeadLetterTopic(),
                registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    public StreamsPropertiesCustomizer recordFlowInterceptors(RecordFlow flow) {
        return props -> {
            append(props, StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
                    RecordFlowInterceptors.Incoming.class);
            props.put(StreamsConfig.mainConsumerPrefix(RecordFlowInterceptors.FLOW_CONFIG), flow);
            append(props, StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                    RecordFlowInterceptors.Outgoing.class);
            props.put(StreamsConfig.producerPrefix(RecordFlowInterceptors.FLOW_CONFIG), flow);
        };
    }

    @Bean(destroyMethod = "close")
    public RateSampler dashboardRateSampler(RecordFlow flow) {
        return new RateSampler(flow);
    }

    @Bean
    public RestorationProgress restorationProgress() {
        return new RestorationProgress();
    }

    @Bean
    public DashboardController dashboardController(KafkaStreamsRunner runner, ObjectProvider<MeterRegistry> registry,
                                                   RecordFlow flow, RateSampler rates, RestorationProgress restoration,
                                                   ObjectProvider<DashboardPanel> panels) {
        MeterRegistry meters = registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new DashboardController(new DashboardFigures(runner, meters, flow, rates, restoration),
                panels.orderedStream().toList());
    }

    @Bean
    public WebMvcConfigurer dashboardPage() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/").setViewName("forward:" + PAGE);
            }
        };
    }

    private static void append(Map<String, Object> props, String key, Class<?> interceptor) {
        Object current = props.get(key);
        String existing = current == null ? "" : current.toString().trim();
        props.put(key, existing.isEmpty() ? interceptor.getName() : existing + "," + interceptor.getName());
    }
}
