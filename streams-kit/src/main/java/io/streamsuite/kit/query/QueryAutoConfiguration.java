package io.streamsuite.kit.query;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.config.StreamsKitAutoConfiguration;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Serves the service's {@link QueryableStore} beans through {@link StoreQueryService} and REST. */
@AutoConfiguration(after = StreamsKitAutoConfiguration.class)
@ConditionalOnBean(KafkaStreamsRunner.class)
@EnableConfigurationProperties(QueryProperties.class)
public class QueryAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QueryAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public StoreQueryService storeQueryService(KafkaStreamsRunner runner, StreamsService service, AvroSerdes serdes,
                                               ObjectProvider<QueryableStore> stores, QueryProperties properties) {
        String applicationId = runner.properties().getApplicationId();
        return new StoreQueryService(stores.orderedStream().toList(), runner::streams, runner::applicationServer,
                serdes, memoized(() -> storeTopics(service, serdes, applicationId)), properties);
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean
    public StoreQueryController storeQueryController(StoreQueryService queries) {
        return new StoreQueryController(queries);
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean
    public StoreQueryProblemHandler storeQueryProblemHandler() {
        return new StoreQueryProblemHandler();
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean
    public AnsweringCopyHeaders answeringCopyHeaders() {
        return new AnsweringCopyHeaders();
    }

    /** The topology is a plain function of the serdes, so describing a second copy is safe. */
    private static StoreTopics storeTopics(StreamsService service, AvroSerdes serdes, String applicationId) {
        try {
            return StoreTopics.of(service.topology(serdes).describe(), applicationId);
        } catch (RuntimeException e) {
            log.warn("Could not read store topics from the topology; range queries ask every instance for all its partitions: {}", e.toString());
            return StoreTopics.unknown();
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T current = value;
                if (current == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        current = value;
                    }
                }
                return current;
            }
        };
    }
}
