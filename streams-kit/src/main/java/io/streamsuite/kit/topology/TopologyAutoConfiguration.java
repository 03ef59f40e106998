package io.streamsuite.kit.topology;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.StreamsKitAutoConfiguration;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Serves the service's topology at {@value TopologyController#PATH}. */
@AutoConfiguration(after = StreamsKitAutoConfiguration.class)
@ConditionalOnBean(StreamsService.class)
@ConditionalOnWebApplication
public class TopologyAutoConfiguration {

    @Bean
    public TopologyController topologyController(StreamsService service, AvroSerdes serdes) {
        return new TopologyController(described(service, serdes));
    }

    /** The topology is a plain function of the serdes, so describing a second copy, once, is safe. */
    static Supplier<TopologyView> described(StreamsService service, AvroSerdes serdes) {
        return new Supplier<>() {
            private volatile TopologyView view;

            @Override
            public TopologyView get() {
                TopologyView current = view;
                if (current == null) {
                    current = TopologyView.of(service.topology(serdes).describe());
                    view = current;
                }
                return current;
            }
        };
    }
}
