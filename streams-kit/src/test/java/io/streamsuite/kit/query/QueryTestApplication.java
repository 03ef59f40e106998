package io.streamsuite.kit.query;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.fixtures.CustomerKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A service wired as a real one is: a StreamsService bean and one QueryableStore bean per store. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class QueryTestApplication {

    @Bean
    public StreamsService queryTestService(@Value("${query-test.prefix}") String prefix) {
        return new QueryTestService(prefix);
    }

    @Bean
    public QueryableStore counts() {
        return QueryableStore.keyValue(QueryTestService.COUNTS, KeyType.string());
    }

    @Bean
    public QueryableStore latest() {
        return QueryableStore.timestampedKeyValue(QueryTestService.LATEST, KeyType.string());
    }

    @Bean
    public QueryableStore windowedCounts() {
        return QueryableStore.window(QueryTestService.WINDOWED_COUNTS, KeyType.string(), QueryTestService.WINDOW);
    }

    @Bean
    public QueryableStore sessions() {
        return QueryableStore.session(QueryTestService.SESSIONS, KeyType.string());
    }

    @Bean
    public QueryableStore countsByCents() {
        return QueryableStore.keyValue(QueryTestService.COUNTS_BY_CENTS, KeyType.longKey());
    }

    @Bean
    public QueryableStore regions() {
        return QueryableStore.timestampedKeyValue(QueryTestService.REGIONS, KeyType.string());
    }

    @Bean
    public QueryableStore customers() {
        return QueryableStore.timestampedKeyValue(QueryTestService.CUSTOMERS, KeyType.avro(CustomerKey.class));
    }
}
