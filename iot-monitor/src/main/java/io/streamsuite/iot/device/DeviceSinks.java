package io.streamsuite.iot.device;

import io.streamsuite.iot.IotTopics;
import io.streamsuite.iot.sites.SiteReading;
import io.streamsuite.kit.processor.SinkTopic;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceStatus;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Where the device stage sends its records, serialized by the stage itself (kit AllOrNothingProcessor):
 * alerts, status changes, and each reading for its site window. The last is no topic of ours: the node
 * named {@link #SITE_READINGS_NODE} reads the bytes back and the DSL repartitions them by site.
 */
public record DeviceSinks(SinkTopic<String, DeviceAlert> alerts, SinkTopic<String, DeviceStatus> status,
                          SinkTopic<String, SiteReading> siteReadings) {

    public static final String SITE_READINGS_NODE = "site-readings-of-device-stage";

    public static DeviceSinks of(org.apache.kafka.common.serialization.Serde<DeviceAlert> alerts,
                                 org.apache.kafka.common.serialization.Serde<DeviceStatus> statuses) {
        return new DeviceSinks(SinkTopic.of("alerts-sink", IotTopics.ALERTS, Serdes.String(), alerts),
                SinkTopic.of("device-status-sink", IotTopics.DEVICE_STATUS, Serdes.String(), statuses),
                SinkTopic.of(SITE_READINGS_NODE, IotTopics.SITE_READINGS_REPARTITION, Serdes.String(), SiteReading.SERDE));
    }
}
