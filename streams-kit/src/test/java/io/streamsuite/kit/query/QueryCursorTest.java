package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cursor reads back only for the store and the kind of query that made it; anything else is a 400. */
class QueryCursorTest {

    private static final QueryableStore COUNTS = QueryableStore.keyValue("counts", KeyType.string());
    private static final QueryableStore OTHER = QueryableStore.keyValue("other", KeyType.string());

    @Test
    void aCursorReadsBackItsPosition() {
        String cursor = QueryCursor.encode(COUNTS, QueryCursor.Kind.KEYS, List.of("card-07\n\u0000,\"x\""));

        assertThat(QueryCursor.decode(COUNTS, QueryCursor.Kind.KEYS, cursor, 1)).containsExactly("card-07\n\u0000,\"x\"");
    }

    @Test
    void aCursorOfAnotherStoreOrAnotherKindOfQueryIsRefused() {
        String keys = QueryCursor.encode(COUNTS, QueryCursor.Kind.KEYS, List.of("k"));

        assertInvalid(() -> QueryCursor.decode(OTHER, QueryCursor.Kind.KEYS, keys, 1));
        assertInvalid(() -> QueryCursor.decode(COUNTS, QueryCursor.Kind.SESSIONS, keys, 2));
        assertInvalid(() -> QueryCursor.decode(COUNTS, QueryCursor.Kind.KEYS, keys, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"***", "", "=", "bnVsbA", "W10", "WyJjMSJd", "eyJhIjoxfQ", "WyJjMSIsImNvdW50cyIsIktFWVMiLDFd"})
    void aCursorThatIsNotOneOfOursIsRefused(String cursor) {
        assertInvalid(() -> QueryCursor.decode(COUNTS, QueryCursor.Kind.KEYS, cursor, 1));
    }

    @Test
    void aHugeCursorIsRefusedWithoutDecodingIt() {
        String huge = Base64.getUrlEncoder().encodeToString("x".repeat(100_000).getBytes(StandardCharsets.UTF_8));

        assertInvalid(() -> QueryCursor.decode(COUNTS, QueryCursor.Kind.KEYS, huge, 1));
    }

    @Test
    void aPositionThatIsNotTheStoresKeyOrTimeIsRefused() {
        String cursor = QueryCursor.encode(COUNTS, QueryCursor.Kind.WINDOWS, List.of("yesterday"));

        assertInvalid(() -> QueryCursor.millis(QueryCursor.decode(COUNTS, QueryCursor.Kind.WINDOWS, cursor, 1).get(0)));
        assertInvalid(() -> QueryCursor.key(StoreQueryService.keys(QueryableStore.keyValue("n", KeyType.longKey())), "card-01"));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(InvalidQueryException.class).hasMessageContaining("cursor is not valid");
    }
}
