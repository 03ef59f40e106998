package io.streamsuite.fraud.card;

import static io.streamsuite.fraud.Payments.ACCOUNT;
import static io.streamsuite.fraud.Payments.T0;
import static io.streamsuite.fraud.Payments.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.payments.AccountProfile;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ProfileHistoryTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private final AccountProfile german = profile(ACCOUNT, "DE", "100.00", T0);
    private final AccountProfile french = profile(ACCOUNT, "FR", "300.00", T0.plusSeconds(3600));

    @Test
    void answersTheProfileValidAtATimeEvenWhenAnOlderVersionArrivesLate() {
        long t0 = T0.toEpochMilli();
        ProfileHistory history = ProfileHistory.empty().with(t0 + 3_600_000, french, DAY).with(t0, german, DAY);

        assertThat(history.at(t0 - 1)).isNull();
        assertThat(history.at(t0 + 10).homeCountry()).isEqualTo("DE");
        assertThat(history.at(t0 + 3_600_000).homeCountry()).isEqualTo("FR");
        assertThat(history.with(t0 + 7_200_000, null, DAY).at(t0 + 7_200_001)).isNull();
    }

    @Test
    void dropsVersionsNoLookupWithinTheRetentionReachesButKeepsTheOneValidAtItsStart() {
        long t0 = T0.toEpochMilli();
        ProfileHistory history = ProfileHistory.empty().with(t0, german, DAY).with(t0 + 1000, french, DAY)
                .with(t0 + 2 * DAY, german, DAY);

        assertThat(history.size()).isEqualTo(2);
        assertThat(history.at(t0 + DAY + 5).homeCountry()).isEqualTo("FR");
    }

    @Test
    void survivesItsSerdeWithDeletions() {
        Serde<ProfileHistory> serde = ProfileHistory.SERDE;
        long t0 = T0.toEpochMilli();
        ProfileHistory history = ProfileHistory.empty().with(t0, german, DAY).with(t0 + 10, null, DAY)
                .with(t0 + 20, french, DAY);

        ProfileHistory back = serde.deserializer().deserialize("x", serde.serializer().serialize("x", history));

        assertThat(back.size()).isEqualTo(3);
        assertThat(back.at(t0).homeCountry()).isEqualTo("DE");
        assertThat(back.at(t0 + 15)).isNull();
        assertThat(back.at(t0 + 25)).isEqualTo(ProfileVersion.of(french));
        assertThat(back.at(t0 + 25).typicalSpend()).isEqualByComparingTo("300.00");
    }
}
