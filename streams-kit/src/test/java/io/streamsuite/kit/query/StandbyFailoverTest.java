package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.serde.AvroSerdeConfig;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three instances with one standby per task. The owner of a key is killed with SIGKILL (its own JVM)
 * while a client asks another instance for the key in a loop: the standby answers until the group
 * notices the death and its tasks move, then the new active does. No answer is ever wrong.
 */
@WithKafkaStack
class StandbyFailoverTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Map<String, Object> ONE_STANDBY = Map.of("streams-kit.standby-replicas", 1);
    /** A caught-up standby under exactly-once is a commit marker or so behind; a fresh copy is far more. */
    private static final int MAX_LAG = 5;

    private static QueryTestService service;
    private static QueryInstance first;
    private static QueryInstance second;
    private static ForkedInstance owner;
    private static final Map<String, Long> counts = new TreeMap<>();

    @BeforeAll
    static void startThreeInstancesWithOneStandbyEach() {
        String prefix = KafkaStack.uniqueName("failover");
        String applicationId = prefix + "-app";
        service = new QueryTestService(prefix);
        first = QueryInstance.start(applicationId, prefix, ONE_STANDBY);
        first.awaitRunning(STARTUP);
        second = QueryInstance.start(applicationId, prefix, ONE_STANDBY);
        owner = ForkedInstance.start(applicationId, prefix, ONE_STANDBY);

        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, KafkaStack.schemaRegistryUrl()));
        var events = serdes.valueSerde(ExampleEvent.class).serializer();
        for (int card = 0; card < 24; card++) {
            String key = String.format("card-%02d", card);
            long n = card % 4 + 1;
            for (int i = 0; i < n; i++) {
                ExampleEvent event = ExampleEvent.newBuilder().setId(key + "-" + i).setKind("view")
                        .setAmount(new BigDecimal("1.00")).setEventTime(Instant.now()).build();
                KafkaStack.produce(service.eventsTopic(), key, event, new StringSerializer(), events);
            }
            counts.put(key, n);
        }
        owner.awaitReady(STARTUP);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable instance : new AutoCloseable[] {owner, second, first}) {
            try {
                if (instance != null) {
                    instance.close();
                }
            } catch (Exception e) {
                // the others still stop
            }
        }
    }

    @Test
    void killingTheOwnerOfAKeyWhileAClientQueriesItGivesNoWrongAnswerAndTheStandbyAnswersMeanwhile() {
        String key = awaitAKeyOwnedByTheForkedInstanceWithACaughtUpStandby();
        KeyQueryMetadata before = metadata(key);
        HostInfo standby = before.standbyHosts().iterator().next();
        QueryInstance asked = standby.port() == first.port() ? second : first;

        Instant killed = null;
        Instant rebalanced = null;
        int answers = 0;
        int standbyAnswers = 0;
        int unavailable = 0;
        int wrong = 0;
        int other = 0;
        Instant lastAnswer = Instant.now();
        long longestGapMillis = 0;
        List<String> wrongExamples = new java.util.ArrayList<>();
        Instant warmUpEnd = Instant.now().plusSeconds(2);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        while (Instant.now().isBefore(deadline)) {
            if (killed == null && Instant.now().isAfter(warmUpEnd)) {
                owner.kill();
                killed = Instant.now();
            }
            Http.Answer answer = Http.get(asked.baseUrl(), "/api/stores/query.counts/keys/" + key + "?max-lag=" + MAX_LAG);
            if (answer.status() == 200 && answer.body().path("value").longValue() == counts.get(key)) {
                answers++;
                standbyAnswers += "standby".equals(answer.header(QueryHeaders.COPY)) && killed != null ? 1 : 0;
                longestGapMillis = Math.max(longestGapMillis, Duration.between(lastAnswer, Instant.now()).toMillis());
                lastAnswer = Instant.now();
            } else if (answer.status() == 200 || answer.status() == 404) {
                wrong++;
                if (wrongExamples.size() < 3) {
                    wrongExamples.add(answer.status() + " " + answer.body());
                }
            } else if (answer.status() == 503) {
                unavailable++;
                assertThat(answer.header("Retry-After")).isNotNull();
            } else {
                other++;
            }
            if (killed != null && rebalanced == null && movedAway(key)
                    && "active".equals(answer.header(QueryHeaders.COPY)) && answer.status() == 200) {
                rebalanced = Instant.now();
            }
            if (rebalanced != null && Duration.between(rebalanced, Instant.now()).toSeconds() >= 3) {
                break;
            }
            QueryInstance.sleep(20);
        }

        String figures = String.format("standby failover (3 instances, 1 standby, owner killed with SIGKILL): %d answers"
                        + " (%d from the standby after the kill), %d x 503, %d wrong, %d other; longest gap between answers %d ms;"
                        + " new active answering %s ms after the kill",
                answers, standbyAnswers, unavailable, wrong, other, longestGapMillis,
                rebalanced == null ? "never" : Duration.between(killed, rebalanced).toMillis());
        System.out.println(figures);
        assertThat(wrong).as(figures + " " + wrongExamples).isZero();
        assertThat(other).as(figures).isZero();
        assertThat(standbyAnswers).as(figures).isPositive();
        assertThat(rebalanced).as(figures).isNotNull();
    }

    /** A key whose active is the forked instance and whose standby answers it, caught up, on its own. */
    private static String awaitAKeyOwnedByTheForkedInstanceWithACaughtUpStandby() {
        Instant deadline = Instant.now().plus(STARTUP);
        String last = "no metadata";
        while (Instant.now().isBefore(deadline)) {
            if (first.streams().state() == KafkaStreams.State.RUNNING && second.streams().state() == KafkaStreams.State.RUNNING) {
                for (String key : counts.keySet()) {
                    KeyQueryMetadata metadata = metadata(key);
                    if (metadata.activeHost().port() != portOf(owner) || metadata.standbyHosts().isEmpty()) {
                        last = key + " owned by " + metadata.activeHost() + ", standbys " + metadata.standbyHosts();
                        continue;
                    }
                    HostInfo standby = metadata.standbyHosts().iterator().next();
                    Http.Answer atStandby = Http.get("http://localhost:" + standby.port(), "/api/stores/query.counts/keys/" + key,
                            QueryHeaders.HOP, "1", QueryHeaders.PARTITIONS, String.valueOf(metadata.partition()),
                            QueryHeaders.MAX_LAG, String.valueOf(MAX_LAG));
                    last = key + " at its standby: " + atStandby.status() + " " + atStandby.body();
                    if (atStandby.status() == 200 && "standby".equals(atStandby.header(QueryHeaders.COPY))
                            && atStandby.body().path("value").longValue() == counts.get(key)) {
                        return key;
                    }
                }
            }
            QueryInstance.sleep(250);
        }
        throw new AssertionError("no key of the forked instance with a caught-up standby within " + STARTUP + "; last: " + last);
    }

    private static boolean movedAway(String key) {
        KeyQueryMetadata metadata = metadata(key);
        return metadata.activeHost() != null && metadata.activeHost().port() != portOf(owner)
                && first.streams().state() == KafkaStreams.State.RUNNING && second.streams().state() == KafkaStreams.State.RUNNING;
    }

    private static KeyQueryMetadata metadata(String key) {
        return first.streams().queryMetadataForKey(QueryTestService.COUNTS, key, new StringSerializer());
    }

    private static int portOf(ForkedInstance instance) {
        return Integer.parseInt(instance.endpoint().substring(instance.endpoint().lastIndexOf(':') + 1));
    }
}
