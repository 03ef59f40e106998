package io.streamsuite.recommendations;

import io.streamsuite.kit.StreamsService;
import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.kit.dashboard.DashboardPanel;
import io.streamsuite.kit.query.KeyType;
import io.streamsuite.kit.query.QueryableStore;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The recommendation updater: its topology, topics and queryable stores; the kit runs the rest. */
@SpringBootApplication
@EnableConfigurationProperties(RecommendationProperties.class)
public class RecommendationUpdaterApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecommendationUpdaterApplication.class, args);
    }

    @Bean
    public RecommendationSettings recommendationSettings(RecommendationProperties properties) {
        return properties.toSettings();
    }

    @Bean
    public StreamsService recommendationStreamsService(RecommendationSettings settings, OutputVersion outputs) {
        return new StreamsService() {
            @Override
            public Topology topology(AvroSerdes serdes) {
                return RecommendationTopology.build(settings, serdes, outputs);
            }

            @Override
            public List<TopicSpec> topics() {
                return RecommendationTopics.specs(outputs);
            }
        };
    }

    @Bean
    public QueryableStore recommendationsStore() {
        // Derived when a task starts, without a changelog: a standby's copy is empty, so only the active one answers.
        return QueryableStore.timestampedKeyValue(RecommendationTopics.RECOMMENDATIONS_STORE, KeyType.string())
                .activeCopyOnly();
    }

    @Bean
    public QueryableStore relatedItemsStore() {
        return QueryableStore.timestampedKeyValue(RecommendationTopics.RELATED_ITEMS_STORE, KeyType.string());
    }

    @Bean
    public QueryableStore conversionsStore(RecommendationSettings settings) {
        return QueryableStore.window(RecommendationTopics.CONVERSIONS_STORE, KeyType.string(), settings.conversionWindow());
    }

    @Bean
    public QueryableStore trendingStore(RecommendationSettings settings) {
        return QueryableStore.window(RecommendationTopics.TRENDING_STORE, KeyType.string(), settings.trendingAdvance());
    }

    /** Each category's trending items now: the window /api/categories/{category}/trending answers, not every window kept. */
    @Bean
    public DashboardPanel trendingPanel() {
        return DashboardPanel.table("Trending per category", "/api/categories/trending", "/items")
                .column("Category", "/category").column("Window start", "/windowStart")
                .column("Items (score)", "/items", "/itemId", "/score");
    }
}
