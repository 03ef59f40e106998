package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryRangeTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void givenBoundsAreParsedAsIsoInstantsOrEpochMilliseconds() {
        QueryRange range = QueryRange.parse("2026-03-01T10:00:00Z", "1772362800000", HOUR, DAY, "x.retention");

        assertThat(range.from()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
    }

    @Test
    void anAbsentFromLiesTheDefaultLengthBeforeToButNeverBeyondTheLongestRange() {
        assertThat(QueryRange.parse(null, "2026-03-01T11:00:00Z", HOUR, DAY, "x.retention").from())
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(QueryRange.parse(" ", "2026-03-01T11:00:00Z", Duration.ofDays(7), DAY, "x.retention").from())
                .isEqualTo(Instant.parse("2026-02-28T11:00:00Z"));
    }

    @Test
    void anAbsentToIsNow() {
        Instant before = Instant.now();
        QueryRange range = QueryRange.parse(null, null, HOUR, DAY, "x.retention");

        assertThat(range.to()).isBetween(before, Instant.now());
        assertThat(Duration.between(range.from(), range.to())).isEqualTo(HOUR);
    }

    @Test
    void badRangesAreInvalidQueriesThatSayWhy() {
        assertThatThrownBy(() -> QueryRange.parse("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z", HOUR, DAY, "x.retention"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("is after to");
        assertThatThrownBy(() -> QueryRange.parse("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", HOUR, DAY, "x.retention"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("from and to may be at most PT24H apart (x.retention)");
        assertThatThrownBy(() -> QueryRange.parse("yesterday", null, HOUR, DAY, "x.retention"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("from 'yesterday' is neither an ISO-8601 instant");
    }

    @Test
    void instantsOutsideTheYears1970To9999AreRefusedBeforeAnyWindowArithmetic() {
        assertThatThrownBy(() -> QueryRange.parse(null, String.valueOf(Long.MAX_VALUE), HOUR, DAY, "x.retention"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("to must lie between");
        assertThatThrownBy(() -> QueryRange.instant("at", "-1", null))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("at must lie between");
        assertThatThrownBy(() -> QueryRange.instant("at", "+100000-01-01T00:00:00Z", null))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("at ");
    }
}
