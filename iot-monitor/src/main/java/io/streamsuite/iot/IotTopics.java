package io.streamsuite.iot;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.config.TopicSpec;
import io.streamsuite.schemas.DomainTopics;
import java.util.List;

/** Every topic, repartition and store name of the service, declared once. */
public final class IotTopics {

    public static final String APPLICATION_ID = "iot-monitor";

    public static final String READINGS = DomainTopics.IOT_SENSOR_READINGS;
    public static final String REGISTRATIONS = DomainTopics.IOT_DEVICE_REGISTRATIONS;
    public static final String ALERTS = "iot.alerts";
    public static final String DEVICE_STATUS = "iot.device-status";
    public static final String SITE_STATS = "iot.site-stats";
    /** Readings that reached their site window after it closed, with the window they missed. */
    public static final String LATE_SITE_READINGS = "iot.late-site-readings";
    public static final String DEAD_LETTERS = APPLICATION_ID + ".dlq";

    /**
     * Each device task's parts of the site windows keyed by site and sensor type, and its watermark copied to each
     * partition, for the site windows: {@code iot-monitor-site-readings-repartition} (it carried every reading before).
     */
    public static final String SITE_READINGS_REPARTITION = "site-readings";

    public static final String REGISTRATIONS_STORE = "iot.registrations";
    public static final String DEVICES_STORE = "iot.devices";
    /** The complete chunks of each device's drift window (the devices store holds the rest). */
    public static final String TREND_CHUNKS_STORE = "iot.trend-chunks";
    /** Writes the devices changed in memory to the devices store at each commit. */
    public static final String DEVICES_COMMIT_HOOK = "iot.devices-commit";
    public static final String SILENCE_DUE_STORE = "iot.silence-due";
    public static final String DEVICE_STATUS_STORE = "iot.device-status";
    public static final String SITE_DEVICES_STORE = "iot.site-devices";
    public static final String DEVICE_READINGS_STORE = "iot.device-readings";
    public static final String ACTIVE_ALERTS_STORE = "iot.active-alerts";
    public static final String SITE_STATS_STORE = "iot.site-stats";
    /** A device task's parts of the site windows not yet sent on (written at each commit). */
    public static final String SITE_PARTIALS_STORE = "iot.site-partials";
    public static final String SITE_PARTIALS_COMMIT_HOOK = "iot.site-partials-commit";
    /** Per source partition of the readings, its latest watermark; and how far the site windows are closed. */
    public static final String SITE_WATERMARKS_STORE = "iot.site-watermarks";

    private IotTopics() {
    }

    public static List<TopicSpec> specs() {
        return specs(OutputVersion.NONE);
    }

    /** As deployed with {@code streams-kit.output-version}: the outputs under their versioned names. */
    public static List<TopicSpec> specs(OutputVersion outputs) {
        return List.of(
                TopicSpec.input(READINGS),
                TopicSpec.input(REGISTRATIONS).asCompacted(),
                TopicSpec.output(outputs.topic(ALERTS)),
                TopicSpec.output(outputs.topic(DEVICE_STATUS)).asCompacted(),
                TopicSpec.output(outputs.topic(SITE_STATS)),
                TopicSpec.output(outputs.topic(LATE_SITE_READINGS)));
    }
}
