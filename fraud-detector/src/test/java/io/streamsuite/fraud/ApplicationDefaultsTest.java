package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.StreamsConfigFactory;
import io.streamsuite.kit.config.StreamsKitProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** What the shipped application.yml gives Kafka Streams, as a deployment binds it. */
class ApplicationDefaultsTest {

    @Test
    void streamsGetTwoThreadsAndNoTaskIdlingSinceEachTaskReadsOnePartition() throws IOException {
        List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        StreamsKitProperties kit = new Binder(ConfigurationPropertySources.from(yml)).bind("streams-kit", StreamsKitProperties.class)
                .get();

        Map<String, Object> streams = StreamsConfigFactory.streamsProperties(kit, "localhost:8080", List.of());

        assertThat(streams).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        assertThat(new StreamsConfig(streams).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
    }
}
