package io.streamsuite.fraud;

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

/** The fraud detector: its topology, topics and queryable stores; the kit runs the rest. */
@SpringBootApplication
@EnableConfigurationProperties(FraudProperties.class)
public class FraudDetectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FraudDetectorApplication.class, args);
    }

    @Bean
    public FraudSettings fraudSettings(FraudProperties properties) {
        return properties.toSettings();
    }

    @Bean
    public StreamsService fraudStreamsService(FraudSettings settings, OutputVersion outputs) {
        return new StreamsService() {
            @Override
            public Topology topology(AvroSerdes serdes) {
                return FraudTopology.build(settings, serdes, outputs);
            }

            @Override
            public List<TopicSpec> topics() {
                return FraudTopics.specs(outputs);
            }
        };
    }

    @Bean
    public QueryableStore cardRiskStore() {
        return QueryableStore.keyValue(FraudTopics.CARD_RISK_STORE, KeyType.string());
    }

    /** Each card's state, shown as its velocity slot counts (one per advance); the REST API sums them into hopping windows. */
    @Bean
    public QueryableStore cardStateStore() {
        return QueryableStore.keyValue(FraudTopics.CARD_STATE_STORE, KeyType.string());
    }

    @Bean
    public QueryableStore recentAlertsStore() {
        return QueryableStore.keyValue(FraudTopics.RECENT_ALERTS_STORE, KeyType.string());
    }

    @Bean
    public DashboardPanel recentAlertsPanel() {
        return DashboardPanel.table("Recent alerts", "/api/alerts?limit=10", "/items")
                .column("Detected", "/detectedAt").column("Card", "/cardLast4").column("Score", "/score")
                .column("Reasons", "/reasons").column("Transaction", "/transactionId");
    }

    /** From the card-risk store's first page (the dashboard shows up to its 1000 cards), most alerts first. */
    @Bean
    public DashboardPanel riskiestCardsPanel() {
        return DashboardPanel.bar("Riskiest cards (alerts)", "/api/stores/" + FraudTopics.CARD_RISK_STORE + "/keys?limit=1000", "/items")
                .label("/value/cardLast4").value("Alerts", "/value/alertCount").sortedBy("/value/alertCount").top(10);
    }
}
