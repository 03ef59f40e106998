package io.streamsuite.kit.dashboard;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.query.KeyType;
import io.streamsuite.kit.query.QueryableStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@link FlowTestService} as a service declares itself: topology, store, and one dashboard panel. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FlowTestApplication {

    public static final String PREFIX_PROPERTY = "flow-test.prefix";

    /** As a service's jar starts, so {@code reset} can be run the way an operator runs it. */
    public static void main(String[] args) {
        SpringApplication.run(FlowTestApplication.class, args);
    }

    @Bean
    public StreamsService flowTestService(@Value("${" + PREFIX_PROPERTY + "}") String prefix,
                                          OutputVersion outputs) {
        return new FlowTestService(prefix, outputs);
    }

    @Bean
    public QueryableStore flowCounts() {
        return QueryableStore.keyValue(FlowTestService.COUNTS, KeyType.string());
    }

    @Bean
    public DashboardPanel busiestKeys() {
        return DashboardPanel.bar("Busiest keys", "/api/stores/" + FlowTestService.COUNTS + "/keys?limit=1000", "/items")
                .label("/key").value("Words", "/value").sortedBy("/value").top(5);
    }
}
