package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.SortableKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleCardsTest {

    private static final long HOUR = 3_600_000;
    private final IdleCards idle = new IdleCards(Duration.ofHours(16));

    @Test
    void indexKeysSortByLastSeenAndOnlyWhollyDueBucketsLieBelowTheCutoff() {
        String early = idle.indexKey(2 * HOUR + 5, "tok-early");
        String late = idle.indexKey(30 * HOUR, "tok-late");
        assertThat(early).isLessThan(late);
        assertThat(IdleCards.tokenOf(late)).isEqualTo("tok-late");

        // Stream time 19 h: the cutoff is 3 h, so the bucket [2 h, 3 h) is due and [3 h, 4 h) is not.
        String cutoff = idle.firstKeyNotDue(19 * HOUR);
        assertThat(early).isLessThan(cutoff);
        assertThat(idle.indexKey(3 * HOUR, "tok-at-cutoff")).isGreaterThanOrEqualTo(cutoff);
        assertThat(idle.isIdle(2 * HOUR + 5, 19 * HOUR)).isTrue();
        assertThat(idle.isIdle(3 * HOUR + 1, 19 * HOUR)).isFalse();
        assertThat(idle.sweepInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aCardIsReindexedOnlyWhenItsLastSeenTimeEntersANewBucket() {
        assertThat(idle.movesBucket(Long.MIN_VALUE, 5)).as("a new card").isTrue();
        assertThat(idle.movesBucket(HOUR + 1, HOUR + 10 * 60_000)).isFalse();
        assertThat(idle.movesBucket(HOUR + 1, 2 * HOUR)).isTrue();
    }

    @Test
    void indexKeysArePaddedExactlyAsTheFormatterDidSoStoredKeysStillSort() {
        for (long value : new long[] {0, 7, 123_456_789, Long.MAX_VALUE, -42}) {
            assertThat(SortableKeys.zeroPadded(value)).isEqualTo(String.format("%019d", value));
        }
        assertThat(idle.indexKey(5 * HOUR, "tok")).isEqualTo(String.format("%019d|%s", 5, "tok"));
    }

    @Test
    void idleTimeMustBePositive() {
        assertThatThrownBy(() -> new IdleCards(Duration.ZERO)).hasMessageContaining("fraud.cards.idle-after");
    }
}
