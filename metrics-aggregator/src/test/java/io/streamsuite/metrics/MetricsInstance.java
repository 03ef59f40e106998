package io.streamsuite.metrics;

import io.streamsuite.kit.test.AppInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts one metrics-aggregator (own port, state dir and application.server) against the test stack. */
final class MetricsInstance {

    private MetricsInstance() {
    }

    static AppInstance start(Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("metrics.pages.tick-interval", "1s");
        props.putAll(overrides);
        return AppInstance.start(MetricsAggregatorApplication.class, MetricsTopics.APPLICATION_ID, props);
    }
}
