package io.streamsuite.iot;

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

/** The IoT monitor: its topology, topics and queryable stores; the kit runs the rest. */
@SpringBootApplication
@EnableConfigurationProperties(IotProperties.class)
public class IotMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(IotMonitorApplication.class, args);
    }

    @Bean
    public IotSettings iotSettings(IotProperties properties) {
        return properties.toSettings();
    }

    @Bean
    public StreamsService iotStreamsService(IotSettings settings, OutputVersion outputs) {
        return new StreamsService() {
            @Override
            public Topology topology(AvroSerdes serdes) {
                return IotTopology.build(settings, serdes, outputs);
            }

            @Override
            public List<TopicSpec> topics() {
                return IotTopics.specs(outputs);
            }
        };
    }

    @Bean
    public QueryableStore deviceStatusStore() {
        return QueryableStore.keyValue(IotTopics.DEVICE_STATUS_STORE, KeyType.string()).activeCopyOnly();
    }

    /** Keyed site/deviceId: a site's devices are one range, fanned out to every instance. */
    @Bean
    public QueryableStore siteDevicesStore() {
        return QueryableStore.keyValue(IotTopics.SITE_DEVICES_STORE, KeyType.string()).activeCopyOnly();
    }

    @Bean
    public QueryableStore activeAlertsStore() {
        return QueryableStore.keyValue(IotTopics.ACTIVE_ALERTS_STORE, KeyType.string());
    }

    @Bean
    public QueryableStore deviceReadingsStore(IotSettings settings) {
        return QueryableStore.window(IotTopics.DEVICE_READINGS_STORE, KeyType.string(), settings.readingsWindow());
    }

    @Bean
    public QueryableStore siteStatsStore(IotSettings settings) {
        return QueryableStore.window(IotTopics.SITE_STATS_STORE, KeyType.string(), settings.siteWindow());
    }

    /** Every site's devices counted by state (OK, WARNING, ALERTING, SILENT) and its alerts so far. */
    @Bean
    public DashboardPanel siteStatusPanel() {
        return DashboardPanel.table("Device status per site", "/api/sites", "/items")
                .column("Site", "/site").column("Devices", "/devices").column("OK", "/ok").column("Warning", "/warning")
                .column("Alerting", "/alerting").column("Silent", "/silent").column("Alerts", "/alerts");
    }

    /** The devices with the most alerts (the site-devices store is keyed site/deviceId). */
    @Bean
    public DashboardPanel mostAlertedDevicesPanel() {
        return DashboardPanel.table("Devices with the most alerts", "/api/stores/" + IotTopics.SITE_DEVICES_STORE + "/keys?limit=1000", "/items")
                .column("Site", "/value/site").column("Device", "/value/deviceId").column("Status", "/value/status")
                .column("Alerts", "/value/alertCount").column("Last seen", "/value/lastSeen")
                .sortedBy("/value/alertCount").top(10);
    }
}
