package io.streamsuite.iot.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.stats.Ewma;
import io.streamsuite.kit.stats.TrendWindow;
import io.streamsuite.schemas.iot.DeviceState;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoredDeviceTest {

    private static MonitoredDevice device(TrendWindow trend) {
        return new MonitoredDevice("site-07", 10_000, 3_000, 22, 5_000, 35_000, false, true, true, false,
                4, 2, Ewma.empty().add(20, 0.1, 5).add(21, 0.1, 5), trend, 0);
    }

    private static StoredDevice roundTrip(MonitoredDevice device) {
        byte[] bytes = StoredDevice.SERDE.serializer().serialize("t", StoredDevice.of(device));
        return StoredDevice.SERDE.deserializer().deserialize("t", bytes);
    }

    @Test
    void roundTripsEveryFieldAndFlagWithTheTrendsPointsAfterItsLastChunk() {
        TrendWindow trend = TrendWindow.empty(10).add(1_000, 20.5).add(2_000, 21.25).add(3_000, 22);
        MonitoredDevice device = device(trend);
        StoredDevice read = roundTrip(device);

        assertThat(read.wholeTrend()).isFalse();
        assertThat(read.device()).usingRecursiveComparison().ignoringFields("trend").isEqualTo(device);
        assertThat(read.device().trend()).isNull();
        assertThat(read.trendHead().size()).isEqualTo(3);
        assertThat(read.trendHead().added()).isEqualTo(3);
        // Three points, no complete chunk: the head alone holds the window.
        TrendWindow whole = StoredDevice.CHUNKS.assemble(read.trendHead(), chunk -> null);
        assertThat(whole.fit()).isEqualTo(trend.asStored().fit());
        assertThat(read.device().state()).isEqualTo(DeviceState.ALERTING);
    }

    @Test
    void aDeviceWithAFullDriftWindowIsStoredInUnderAFifthOfTheWholeWindowsBytes() {
        TrendWindow trend = TrendWindow.empty(120);
        for (int i = 0; i < 1_003; i++) {
            trend = trend.add(1_700_000_000_000L + 5_000L * i, 20 + 0.01 * i);
        }
        byte[] chunked = StoredDevice.SERDE.serializer().serialize("t", StoredDevice.of(device(trend)));
        byte[] whole = StoredDevice.earlierLayout(device(trend));

        assertThat(whole.length).isGreaterThan(1_000);
        assertThat(chunked.length).isLessThan(whole.length / 5);
    }

    @Test
    void readsAValueOfTheEarlierLayoutWithItsWholeTrend() {
        TrendWindow trend = TrendWindow.empty(120);
        for (int i = 0; i < 50; i++) {
            trend = trend.add(1_000L * i, 20 + 0.5 * i);
        }
        MonitoredDevice device = device(trend);
        StoredDevice read = StoredDevice.SERDE.deserializer().deserialize("t", StoredDevice.earlierLayout(device));

        assertThat(read.wholeTrend()).isTrue();
        assertThat(read.device()).usingRecursiveComparison().ignoringFields("trend").isEqualTo(device);
        assertThat(read.device().trend().size()).isEqualTo(50);
        assertThat(read.device().trend().fit()).isEqualTo(trend.asStored().fit());
    }

    @Test
    void truncatedBytesAreASerializationException() {
        byte[] bytes = StoredDevice.SERDE.serializer().serialize("t", StoredDevice.of(MonitoredDevice.first(TrendWindow.empty(5))));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> StoredDevice.SERDE.deserializer().deserialize("t", cut))
                .isInstanceOf(SerializationException.class);
    }
}
