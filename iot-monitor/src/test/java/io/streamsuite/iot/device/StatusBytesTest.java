package io.streamsuite.iot.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.iot.DeviceState;
import io.streamsuite.schemas.iot.DeviceStatus;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StatusBytesTest {

    @Test
    void aStatusReadsBackEqualWithAndWithoutALastValue() {
        Serde<DeviceStatus> serde = StatusBytes.serde();
        for (Double lastValue : new Double[] {21.5, null}) {
            DeviceStatus status = new DeviceStatus("dev-é1", "site-01", DeviceState.SILENT, Instant.ofEpochMilli(1_700_000_000_123L),
                    lastValue, 7L);
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", status))).isEqualTo(status);
        }
    }

    @Test
    void theSameStatusPutTwiceIsEncodedOnceAndAnotherOneAfresh() {
        Serde<DeviceStatus> serde = StatusBytes.serde();
        DeviceStatus first = new DeviceStatus("dev-1", "site-01", DeviceState.OK, Instant.EPOCH, 20.0, 0L);
        byte[] once = serde.serializer().serialize("t", first);
        assertThat(serde.serializer().serialize("t", first)).isSameAs(once);
        DeviceStatus next = new DeviceStatus("dev-1", "site-01", DeviceState.WARNING, Instant.EPOCH, 20.0, 1L);
        byte[] other = serde.serializer().serialize("t", next);
        assertThat(other).isNotSameAs(once);
        assertThat(serde.deserializer().deserialize("t", other)).isEqualTo(next);
    }
}
