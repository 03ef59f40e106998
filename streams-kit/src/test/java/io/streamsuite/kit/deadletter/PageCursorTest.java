package io.streamsuite.kit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PageCursorTest {

    @Test
    void roundTripsPartitionOffsets() {
        PageCursor cursor = new PageCursor(Map.of(0, 12L, 2, 7L));

        assertThat(PageCursor.parse(cursor.encode()).before()).isEqualTo(Map.of(0, 12L, 2, 7L));
    }

    @Test
    void refusesCursorsItDidNotIssueWithBadRequest() {
        for (String bad : new String[] {"%%%", "bm90LWEtY3Vyc29y", "MDotMQ", "YTpi"}) {
            assertThatThrownBy(() -> PageCursor.parse(bad))
                    .isInstanceOfSatisfying(DeadLetterProblem.class,
                            problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
    }
}
