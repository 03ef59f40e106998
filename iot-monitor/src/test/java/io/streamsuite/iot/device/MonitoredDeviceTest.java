package io.streamsuite.iot.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.stats.Ewma;
import io.streamsuite.kit.stats.TrendWindow;
import io.streamsuite.schemas.iot.DeviceState;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class MonitoredDeviceTest {

    @Test
    void roundTripsThroughItsSerdeWithEveryFlagAndTheTrend() {
        TrendWindow trend = TrendWindow.empty(10).add(1_000, 20.5).add(2_000, 21.25).add(3_000, 22);
        MonitoredDevice device = new MonitoredDevice("site-07", 10_000, 3_000, 22, 5_000, 35_000, false, true, true, false,
                4, 2, Ewma.empty().add(20, 0.1, 5).add(21, 0.1, 5), trend, 0);
        byte[] bytes = MonitoredDevice.SERDE.serializer().serialize("t", device);
        MonitoredDevice read = MonitoredDevice.SERDE.deserializer().deserialize("t", bytes);

        assertThat(read).usingRecursiveComparison().ignoringFields("trend").isEqualTo(device);
        assertThat(read.trend().size()).isEqualTo(3);
        assertThat(read.trend().fit().slope()).isEqualTo(trend.fit().slope());
        assertThat(read.state()).isEqualTo(DeviceState.ALERTING);
    }

    @Test
    void truncatedBytesAreASerializationException() {
        byte[] bytes = MonitoredDevice.SERDE.serializer().serialize("t", MonitoredDevice.first(TrendWindow.empty(5)));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> MonitoredDevice.SERDE.deserializer().deserialize("t", cut))
                .isInstanceOf(SerializationException.class);
    }
}
