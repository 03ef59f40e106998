package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Whatever a caller gets wrong, the answer is a 4xx RFC 9457 problem naming the mistake; never a 5xx. */
@WithKafkaStack
class BadQueryInputTest {

    private static QueryInstance instance;

    @BeforeAll
    static void startOneInstance() {
        String prefix = KafkaStack.uniqueName("query-bad");
        instance = QueryInstance.start(prefix + "-app", prefix);
        instance.awaitRunning(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void listsTheDeclaredStoresWithTheirKindAndKeyType() {
        Http.Answer answer = get("/api/stores");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().toString()).contains(
                "{\"name\":\"query.counts-by-cents\",\"kind\":\"KEY_VALUE\",\"keyType\":\"long\"}",
                "{\"name\":\"query.customers\",\"kind\":\"TIMESTAMPED_KEY_VALUE\",\"keyType\":\"avro:io.streamsuite.kit.fixtures.CustomerKey\"}",
                "{\"name\":\"query.windowed-counts\",\"kind\":\"WINDOW\",\"keyType\":\"string\"}");
    }

    @Test
    void unknownStoreIs404() {
        assertProblem(get("/api/stores/no-such-store/keys/k"), 404, "unknown-store", "no queryable store named 'no-such-store'");
        assertProblem(get("/api/stores/no-such-store/keys"), 404, "unknown-store", "no-such-store");
    }

    @Test
    void absentKeyIs404KeyNotFound() {
        assertProblem(get("/api/stores/query.counts/keys/never-seen"), 404, "key-not-found", "never-seen");
    }

    @Test
    void keyThatIsNotALongIs400ForALongStore() {
        assertProblem(get("/api/stores/query.counts-by-cents/keys/twelve"), 400, "invalid-query", "key 'twelve' is not a long");
        assertProblem(get("/api/stores/query.counts-by-cents/keys?from=1.5"), 400, "invalid-query", "not a long");
        assertProblem(get("/api/stores/query.counts-by-cents/keys/99999999999999999999"), 400, "invalid-query", "not a long");
    }

    @Test
    void malformedAvroKeyJsonIs400NamingTheProblem() {
        assertProblem(get("/api/stores/query.customers/entry?key=" + Http.encode("{\"id\":")), 400, "invalid-query",
                "not valid JSON");
        assertProblem(get("/api/stores/query.customers/entry?key=" + Http.encode("{\"idd\":\"c-1\"}")), 400, "invalid-query",
                "field 'id': is required");
        assertProblem(get("/api/stores/query.customers/entry?key=" + Http.encode("{\"id\":7}")), 400, "invalid-query",
                "field 'id': expected a string, got 7");
    }

    @Test
    void rangeWithFromAfterToIs400() {
        assertProblem(get("/api/stores/query.counts/keys?from=b&to=a"), 400, "invalid-query", "from (b) is after to (a)");
        assertProblem(get("/api/stores/query.counts-by-cents/keys?from=10&to=-10"), 400, "invalid-query", "is after");
    }

    @Test
    void windowFetchWithFromAfterToOrABadInstantIs400() {
        String windows = "/api/stores/query.windowed-counts/keys/card-01/windows";
        assertProblem(get(windows + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "invalid-query", "is after to");
        assertProblem(get(windows + "?from=yesterday"), 400, "invalid-query", "from 'yesterday' is neither an ISO-8601 instant");
        assertProblem(get(windows + "?to=2026-13-45T00:00:00Z"), 400, "invalid-query", "to '2026-13-45T00:00:00Z'");
        assertProblem(get(windows + "?from=99999999999999999999"), 400, "invalid-query", "epoch milliseconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "2147483648", "many"})
    void limitOutsideOneToAThousandIs400(String limit) {
        Http.Answer answer = get("/api/stores/query.counts/keys?limit=" + limit);

        assertProblem(answer, 400, "invalid-query", "limit");
    }

    @Test
    void cursorThatIsNotOneOfOursIs400() {
        assertProblem(get("/api/stores/query.counts/keys?cursor=***"), 400, "invalid-query", "cursor is not valid");
        String notALong = Base64.getUrlEncoder().withoutPadding().encodeToString("card-01".getBytes(StandardCharsets.UTF_8));
        assertProblem(get("/api/stores/query.counts-by-cents/keys?cursor=" + notALong), 400, "invalid-query", "cursor is not valid");
    }

    /** Every time parameter of every endpoint that takes one. */
    private static final List<String> TIME_PARAMETERS = List.of(
            "/api/stores/query.windowed-counts/keys/card-01/windows?from=%s",
            "/api/stores/query.windowed-counts/keys/card-01/windows?to=%s",
            "/api/stores/query.windowed-counts/windows?key=card-01&from=%s",
            "/api/stores/query.windowed-counts/windows?from=%s",
            "/api/stores/query.windowed-counts/windows?to=%s",
            "/api/stores/query.sessions/keys/card-01/sessions?from=%s",
            "/api/stores/query.sessions/keys/card-01/sessions?to=%s",
            "/api/stores/query.sessions/sessions?key=card-01&to=%s");

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "+292278994-08-17T07:12:55.808Z",
            "-292275055-05-16T16:47:04.191Z"})
    void instantsBeyondWhatAStoreCanHoldAre400InEveryTimeParameter(String instant) {
        for (String template : TIME_PARAMETERS) {
            assertProblem(get(String.format(template, Http.encode(instant))), 400, "invalid-query",
                    "is outside the time a store can hold");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+292278994-08-17T07:12:55.807Z", "-292275055-05-16T16:47:04.192Z", "9223372036854775807",
            "-9223372036854775808", "0", "1970-01-01T00:00:00+14:00", "2026-02-29T00:00:00Z", "+10000-01-01T00:00:00Z"})
    void instantsAtTheVeryEdgeOfStoreTimeAreAnsweredOrRefusedButNever5xx(String instant) {
        for (String template : TIME_PARAMETERS) {
            Http.Answer answer = get(String.format(template, Http.encode(instant)));
            assertThat(answer.status()).as(answer.raw().uri() + " answered " + answer.body()).isIn(200, 400);
            assertThat(answer.raw().body()).doesNotContain("Exception");
        }
    }

    /** Every paged endpoint: a cursor must be one this store gave for this kind of query. */
    private static final List<String> PAGED = List.of(
            "/api/stores/query.counts/keys?cursor=%s",
            "/api/stores/query.counts-by-cents/keys?cursor=%s",
            "/api/stores/query.customers/keys?cursor=%s",
            "/api/stores/query.regions/keys?cursor=%s",
            "/api/stores/query.windowed-counts/keys/card-01/windows?cursor=%s",
            "/api/stores/query.windowed-counts/windows?cursor=%s",
            "/api/stores/query.sessions/keys/card-01/sessions?cursor=%s");

    @Test
    void malformedOrForeignCursorsAre400OnEveryPagedEndpoint() {
        List<String> cursors = new ArrayList<>(List.of("***", "%00", "A", "====", "eyJ9", "bnVsbA", "W10", "x".repeat(5000),
                Base64.getUrlEncoder().withoutPadding().encodeToString("card-01".getBytes(StandardCharsets.UTF_8))));
        // Real cursors, of another store and of another kind of query on the same store.
        cursors.add(QueryCursor.encode(QueryableStore.keyValue("query.latest", KeyType.string()), QueryCursor.Kind.KEYS, List.of("card-01")));
        cursors.add(QueryCursor.encode(QueryableStore.keyValue("query.counts", KeyType.string()), QueryCursor.Kind.SESSIONS,
                List.of("1", "2")));
        cursors.add(QueryCursor.encode(QueryableStore.window("query.windowed-counts", KeyType.string()), QueryCursor.Kind.WINDOWS,
                List.of("not-a-time")));
        cursors.add(QueryCursor.encode(QueryableStore.window("query.windowed-counts", KeyType.string()),
                QueryCursor.Kind.ALL_WINDOWS, List.of("card-01", "99999999999999999999")));
        cursors.add(QueryCursor.encode(QueryableStore.keyValue("query.customers", KeyType.string()), QueryCursor.Kind.KEYS,
                List.of("{\"id\":")));
        for (String template : PAGED) {
            for (String cursor : cursors) {
                assertProblem(get(String.format(template, Http.encode(cursor))), 400, "invalid-query", "cursor is not valid");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "ten", "1.5", "99999999999999999999", ""})
    void aMaxLagThatIsNotAWholeNumberOfOffsetsIs400(String maxLag) {
        if (maxLag.isEmpty()) {
            assertThat(get("/api/stores/query.counts/keys?max-lag=").status()).isEqualTo(200);
            return;
        }
        assertProblem(get("/api/stores/query.counts/keys?max-lag=" + Http.encode(maxLag)), 400, "invalid-query", "max-lag");
        assertProblem(Http.get(instance.baseUrl(), "/api/stores/query.counts/keys/card-01", QueryHeaders.MAX_LAG, maxLag),
                400, "invalid-query", "max-lag");
    }

    @Test
    void windowAndSessionLimitsOutOfRangeAre400() {
        assertProblem(get("/api/stores/query.windowed-counts/keys/card-01/windows?limit=0"), 400, "invalid-query", "limit");
        assertProblem(get("/api/stores/query.windowed-counts/windows?limit=1001"), 400, "invalid-query", "limit");
        assertProblem(get("/api/stores/query.sessions/keys/card-01/sessions?limit=-3"), 400, "invalid-query", "limit");
    }

    @Test
    void queryThatTheStoreKindDoesNotAnswerIs400() {
        assertProblem(get("/api/stores/query.windowed-counts/keys/card-01"), 400, "invalid-query", "is a WINDOW store");
        assertProblem(get("/api/stores/query.sessions/keys"), 400, "invalid-query", "is a SESSION store");
        assertProblem(get("/api/stores/query.counts/keys/card-01/windows"), 400, "invalid-query", "has no windows");
        assertProblem(get("/api/stores/query.windowed-counts/keys/card-01/sessions"), 400, "invalid-query", "has no sessions");
    }

    @Test
    void missingKeyParameterIs400() {
        assertProblem(get("/api/stores/query.customers/entry"), 400, "invalid-query", "key");
    }

    @Test
    void markupAndEncodedSlashesInThePathGetAProblemBodyNotAnHtmlPage() {
        for (String path : new String[] {"/api/stores/%3Cscript%3Ex%3C%2Fscript%3E/keys/k",
                "/api/stores/query.counts/keys/a%2Fb%5C%7C", "/api/stores/%25%00/keys"}) {
            Http.Answer answer = get(path);
            assertThat(answer.status()).as(path).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(answer.body().path("status").intValue()).as(path).isEqualTo(answer.status());
            assertThat(answer.raw().body()).as(path).doesNotContain("<html").doesNotContain("Exception");
        }
    }

    private static Http.Answer get(String pathAndQuery) {
        return Http.get(instance.baseUrl(), pathAndQuery);
    }

    private static void assertProblem(Http.Answer answer, int status, String type, String detailPart) {
        JsonNode problem = answer.body();
        assertThat(answer.status()).as(answer.raw().uri() + " answered " + problem).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(problem.path("type").stringValue()).isEqualTo("urn:streams-kit:problem:" + type);
        assertThat(problem.path("title").isString()).isTrue();
        assertThat(problem.path("status").intValue()).isEqualTo(status);
        assertThat(problem.path("detail").stringValue()).contains(detailPart);
        assertThat(problem.path("instance").stringValue()).isEqualTo(answer.raw().uri().getRawPath());
        assertThat(answer.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
