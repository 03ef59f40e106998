package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** A store rebuilt by its active task (no changelog) is never answered by a standby's empty copy. */
class ActiveCopyOnlyStoreTest {

    @Test
    void theFlagSurvivesAndIsSaid() {
        QueryableStore store = QueryableStore.keyValue("iot.device-status", KeyType.string()).activeCopyOnly();

        assertThat(store.isActiveCopyOnly()).isTrue();
        assertThat(store.name()).isEqualTo("iot.device-status");
        assertThat(store.kind()).isEqualTo(QueryableStore.Kind.KEY_VALUE);
        assertThat(store.toString()).contains("active copy only");
        assertThat(QueryableStore.keyValue("iot.device-status", KeyType.string()).isActiveCopyOnly()).isFalse();
    }

    @Test
    void aFailedActiveOfAnActiveOnlyStoreHasNoStandbyToAskSoTheFanOutAnswers503() {
        // Decided before any metadata is read: no KafkaStreams is needed to know there is no standby to ask.
        QueryRouter router = new QueryRouter(Optional::empty, () -> "localhost:1", null, () -> null, new QueryProperties());
        QueryableStore store = QueryableStore.keyValue("iot.site-devices", KeyType.string()).activeCopyOnly();

        assertThat(router.standbyTargets(null, store, Set.of(0, 1, 2), new HostInfo("localhost", 2))).isEmpty();
    }
}
