package io.streamsuite.kit.example;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.security.OpenPaths;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot app around {@link ExampleStreamsService}, as a real service would be. */
@SpringBootApplication
public class ExampleApplication {

    @Bean
    public StreamsService exampleStreamsService() {
        return new ExampleStreamsService();
    }

    /** As a kit package with a static page would declare it. */
    @Bean
    public OpenPaths examplePage() {
        return new OpenPaths(List.of("/example-page/**"));
    }
}
