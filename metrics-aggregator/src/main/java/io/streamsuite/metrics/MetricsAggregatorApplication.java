package io.streamsuite.metrics;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.dashboard.DashboardPanel;
import io.streamsuite.kit.query.KeyType;
import io.streamsuite.kit.query.QueryableStore;
import io.streamsuite.kit.query.StoreQueryService;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.window.SessionQueries;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The metrics aggregator: its topology, topics and queryable stores; the kit runs the rest. */
@SpringBootApplication
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsAggregatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MetricsAggregatorApplication.class, args);
    }

    @Bean
    public MetricsSettings metricsSettings(MetricsProperties properties) {
        return properties.toSettings();
    }

    @Bean
    public StreamsService metricsStreamsService(MetricsSettings settings, OutputVersion outputs) {
        return new StreamsService() {
            @Override
            public Topology topology(AvroSerdes serdes) {
                return MetricsTopology.build(settings, serdes, outputs);
            }

            @Override
            public List<TopicSpec> topics() {
                return MetricsTopics.specs(outputs);
            }
        };
    }

    /** Page minutes: the REST API sums, merges and unions them into longer ranges. */
    @Bean
    public QueryableStore pageMinutesStore(MetricsSettings settings) {
        return QueryableStore.window(MetricsTopics.PAGE_MINUTES_STORE, KeyType.string(), settings.window());
    }

    @Bean
    public QueryableStore userSessionsStore() {
        return QueryableStore.session(MetricsTopics.SESSIONS_STORE, KeyType.string());
    }

    @Bean
    public QueryableStore topPagesStore() {
        return QueryableStore.keyValue(MetricsTopics.TOP_PAGES_STORE, KeyType.longKey());
    }

    @Bean
    public SessionQueries sessionQueries(StoreQueryService queries) {
        return new SessionQueries(queries);
    }

    /** The newest closed minutes' top pages, newest first (the store is keyed by window start in epoch ms). */
    @Bean
    public DashboardPanel topPagesPanel() {
        return DashboardPanel.table("Top pages per minute", "/api/stores/" + MetricsTopics.TOP_PAGES_STORE + "/keys?limit=1000", "/items")
                .column("Minute", "/value/windowStart").column("Pages (views)", "/value/pages", "/page", "/views")
                .sortedBy("/key").top(5);
    }

    /** The whole site's latency percentiles per minute over the last 15 minutes. */
    @Bean
    public DashboardPanel latencyPanel() {
        return DashboardPanel.line("Latency percentiles, all pages (ms)", "/api/latency", "/windows")
                .label("/windowStart").value("p50", "/latency/p50").value("p95", "/latency/p95").value("p99", "/latency/p99");
    }
}
