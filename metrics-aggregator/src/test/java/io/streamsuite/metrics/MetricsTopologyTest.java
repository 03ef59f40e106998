package io.streamsuite.metrics;

import static io.streamsuite.metrics.Views.T0;
import static io.streamsuite.metrics.Views.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.metrics.latency.LatencySummary;
import io.streamsuite.metrics.pages.PageHit;
import io.streamsuite.metrics.visitors.VisitorCounts;
import io.streamsuite.schemas.web.LatePageView;
import io.streamsuite.schemas.web.PageAlert;
import io.streamsuite.schemas.web.PageAlertMetric;
import io.streamsuite.schemas.web.PageAlertState;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.schemas.web.PageRank;
import io.streamsuite.schemas.web.PageViewWindow;
import io.streamsuite.schemas.web.TopPages;
import io.streamsuite.schemas.web.UserSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class MetricsTopologyTest {

    private static final String HOME = "/";
    private static final String PRODUCT = "/products/42";
    private static final String CHECKOUT = "/checkout";

    @Test
    void outOfOrderViewsInsideTheGraceCountInTheirWindow() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            metrics.send(view(PRODUCT).by("u-1").at(T0.plusSeconds(10)),
                    view(PRODUCT).by("u-2").at(T0.plusSeconds(50)),
                    view(PRODUCT).by("u-3").at(T0.plusSeconds(70)),
                    // 60 s behind stream time, its window ends 10 s ago: inside the 30 s grace.
                    view(PRODUCT).by("u-4").at(T0.plusSeconds(20)).status(503),
                    view(HOME).by("u-5").at(T0.plusSeconds(200)));

            List<PageViewWindow> closed = metrics.pageCounts();
            assertThat(closed).extracting(PageViewWindow::getPage, PageViewWindow::getWindowStart, PageViewWindow::getViews,
                            PageViewWindow::getErrorCount, PageViewWindow::getUniqueUsers)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(PRODUCT, T0, 3L, 1L, 3L),
                            org.assertj.core.groups.Tuple.tuple(PRODUCT, T0.plusSeconds(60), 1L, 0L, 1L));
            assertThat(metrics.late()).isEmpty();
            assertThat(metrics.lateRecords(PRODUCT)).isZero();
        }
    }

    @Test
    void viewLaterThanTheGraceIsCountedAsLateAndWrittenToTheSideTopicNotIntoTheResult() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            metrics.send(view(PRODUCT).by("u-1").at(T0.plusSeconds(10)),
                    view(HOME).by("u-2").at(T0.plusSeconds(95)),
                    // Its window [T0, T0+60s) closed at T0+90s: stream time is T0+95s.
                    view(PRODUCT).by("u-3").at(T0.plusSeconds(30)).id("late-one"),
                    view(HOME).by("u-2").at(T0.plusSeconds(300)));

            List<LatePageView> late = metrics.late();
            assertThat(late).singleElement().satisfies(view -> {
                assertThat(view.getEventId()).isEqualTo("late-one");
                assertThat(view.getPage()).isEqualTo(PRODUCT);
                assertThat(view.getUserId()).isEqualTo("u-3");
                assertThat(view.getWindowStart()).isEqualTo(T0);
                assertThat(view.getWindowEnd()).isEqualTo(T0.plusSeconds(60));
                assertThat(view.getStreamTime()).isEqualTo(T0.plusSeconds(95));
                assertThat(view.getEventTime()).isEqualTo(T0.plusSeconds(30));
            });
            assertThat(metrics.lateRecords(PRODUCT)).isEqualTo(1.0);
            assertThat(metrics.lateRecords(HOME)).isZero();
            List<PageViewWindow> product = metrics.pageCounts().stream().filter(w -> w.getPage().equals(PRODUCT)).toList();
            assertThat(product).singleElement().satisfies(window -> {
                assertThat(window.getWindowStart()).isEqualTo(T0);
                assertThat(window.getViews()).isEqualTo(1);
            });
            assertThat(metrics.minutes(PRODUCT, T0, T0).get(0).value.getViews()).isEqualTo(1);
        }
    }

    @Test
    void noResultIsEmittedBeforeTheWindowClosesAndThenExactlyOne() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            metrics.send(view(PRODUCT).at(T0.plusSeconds(10)), view(PRODUCT).at(T0.plusSeconds(40)),
                    view(HOME).at(T0.plusSeconds(70)), view(HOME).at(T0.plusSeconds(89)));
            assertThat(metrics.pageCounts()).as("window end + grace is T0+90s").isEmpty();
            // The store already holds the open window for REST.
            assertThat(metrics.minutes(PRODUCT, T0, T0)).singleElement().satisfies(m -> assertThat(m.value.getViews()).isEqualTo(2));

            metrics.send(view(HOME).at(T0.plusSeconds(90)));
            assertThat(metrics.pageCounts()).singleElement().satisfies(window -> {
                assertThat(window.getPage()).isEqualTo(PRODUCT);
                assertThat(window.getWindowStart()).isEqualTo(T0);
                assertThat(window.getWindowEnd()).isEqualTo(T0.plusSeconds(60));
                assertThat(window.getViews()).isEqualTo(2);
            });

            metrics.send(view(HOME).at(T0.plusSeconds(100)), view(PRODUCT).at(T0.plusSeconds(20)));
            assertThat(metrics.pageCounts()).as("a closed window is never emitted again").isEmpty();
        }
    }

    @Test
    void aLateViewBridgingTwoSessionsMergesThemIntoOne() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            metrics.send(view(HOME).by("ada").at(T0),
                    view(PRODUCT).by("ada").at(T0.plus(Duration.ofMinutes(2))),
                    // 31 minutes of silence: a second session.
                    view(PRODUCT).by("ada").at(T0.plus(Duration.ofMinutes(33))),
                    view(CHECKOUT).by("ada").at(T0.plus(Duration.ofMinutes(35))));
            // Arrives late, 13 minutes after the first session's end and 18 before the second's start.
            metrics.send(view("/cart").by("ada").at(T0.plus(Duration.ofMinutes(15))));
            assertThat(metrics.sessions()).as("sessions are published once closed").isEmpty();

            // Another user moves stream time past the end + gap + grace (35 + 30 + 5 minutes).
            metrics.send(view(HOME).by("bob").at(T0.plus(Duration.ofMinutes(71))));

            List<TestRecord<String, UserSession>> sessions = metrics.sessions();
            assertThat(sessions).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("ada");
                UserSession session = record.value();
                assertThat(session.getSessionStart()).isEqualTo(T0);
                assertThat(session.getSessionEnd()).isEqualTo(T0.plus(Duration.ofMinutes(35)));
                assertThat(session.getDurationMs()).isEqualTo(Duration.ofMinutes(35).toMillis());
                assertThat(session.getPageViews()).isEqualTo(5);
                assertThat(session.getPages()).startsWith(HOME).containsExactlyInAnyOrder(HOME, PRODUCT, "/cart", CHECKOUT);
                assertThat(session.getEntryPage()).isEqualTo(HOME);
                assertThat(session.getExitPage()).isEqualTo(CHECKOUT);
                assertThat(session.getBounce()).isFalse();
            });
        }
    }

    @Test
    void aSinglePageSessionIsABounceAndProbesHaveNoSessionsNorVisitors() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            metrics.send(view(HOME).by("cat").at(T0), view(HOME).by("uptime-probe").probe().at(T0.plusSeconds(1)),
                    view(HOME).by("dan").at(T0.plus(Duration.ofMinutes(40))));

            assertThat(metrics.sessions()).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("cat");
                assertThat(record.value().getBounce()).isTrue();
                assertThat(record.value().getEntryPage()).isEqualTo(HOME);
                assertThat(record.value().getExitPage()).isEqualTo(HOME);
            });
            PageViewWindow first = metrics.pageCounts().get(0);
            assertThat(first.getViews()).as("a probe's view is a view").isEqualTo(2);
            assertThat(first.getUniqueUsers()).as("but not a visitor").isEqualTo(1);
        }
    }

    @Test
    void visitorsWithinTwoPercentAndP99WithinOnePercentOfExactOnThousandsOfGeneratedViews() {
        Random random = new Random(42);
        List<io.streamsuite.schemas.web.PageView> generated = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            long latency = Math.round(Math.exp(3.8 + random.nextGaussian() * 0.8));
            String page = random.nextInt(4) == 0 ? HOME : PRODUCT;
            generated.add(view(page).by("user-" + random.nextInt(4_000)).latency(latency)
                    .at(T0.plusMillis(i * 50L)).build());
        }
        Instant end = T0.plus(Duration.ofMinutes(5));
        try (MetricsDriver metrics = new MetricsDriver()) {
            generated.forEach(metrics::send);
            metrics.send(view(HOME).at(end.plus(Duration.ofMinutes(2))).build());

            List<io.streamsuite.schemas.web.PageView> product = generated.stream()
                    .filter(v -> v.getPage().equals(PRODUCT)).toList();
            Set<String> exactVisitors = product.stream().map(io.streamsuite.schemas.web.PageView::getUserId)
                    .collect(Collectors.toSet());
            double[] latencies = product.stream().mapToDouble(io.streamsuite.schemas.web.PageView::getLatencyMs).sorted().toArray();
            double exactP99 = latencies[(int) Math.floor(0.99 * (latencies.length - 1))];

            List<KeyValue<Long, PageMinute>> minutes = metrics.minutes(PRODUCT, T0, end.minusSeconds(60));
            assertThat(minutes).hasSize(5);
            MetricsSettings settings = MetricsSettings.defaults();
            VisitorCounts visitors = new VisitorCounts(settings);
            List<VisitorCounts.Window> hopping = visitors.hopping(minutes, T0, T0);
            assertThat(exactVisitors.size()).isGreaterThan(2_500);
            assertThat(hopping).singleElement().satisfies(window -> {
                assertThat(window.start()).isEqualTo(T0);
                assertThat(window.end()).isEqualTo(end);
                assertThat((double) window.visitors()).isCloseTo(exactVisitors.size(), Percentage.withPercentage(2));
            });

            LatencySummary merged = LatencySummary.merge(settings.quantiles(), minutes.stream().map(kv -> kv.value).toList());
            assertThat(merged.count()).isEqualTo(product.size());
            assertThat(merged.p99()).isCloseTo(exactP99, Percentage.withPercentage(1));

            // Each minute's published p99 is that minute's own, to the same guarantee.
            PageViewWindow firstMinute = metrics.pageCounts().stream()
                    .filter(w -> w.getPage().equals(PRODUCT) && w.getWindowStart().equals(T0)).findFirst().orElseThrow();
            double[] firstLatencies = product.stream().filter(v -> v.getEventTime().isBefore(T0.plusSeconds(60)))
                    .mapToDouble(io.streamsuite.schemas.web.PageView::getLatencyMs).sorted().toArray();
            assertThat((double) firstMinute.getP99LatencyMs())
                    .isCloseTo(firstLatencies[(int) Math.floor(0.99 * (firstLatencies.length - 1))], Percentage.withPercentage(1.5));
        }
    }

    @Test
    void anAlertFiresAfterTwoBadWindowsAndOneRecoveryRecordFollowsWhenItClears() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            // Minutes 0-2 answer half the checkout views with 503 (50 % > 5 %); minutes 3 and 4 are healthy.
            for (int minute = 0; minute < 5; minute++) {
                boolean bad = minute < 3;
                for (int i = 0; i < 20; i++) {
                    metrics.send(view(CHECKOUT).by("u-" + i).status(bad && i % 2 == 0 ? 503 : 200)
                            .at(T0.plusSeconds(minute * 60L + i)));
                }
            }
            metrics.send(view(HOME).at(T0.plus(Duration.ofMinutes(7))));

            List<PageAlert> alerts = metrics.alerts();
            assertThat(alerts).extracting(PageAlert::getMetric, PageAlert::getState, PageAlert::getWindowStart)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(PageAlertMetric.ERROR_RATE, PageAlertState.FIRING, T0.plusSeconds(60)),
                            org.assertj.core.groups.Tuple.tuple(PageAlertMetric.ERROR_RATE, PageAlertState.RECOVERED, T0.plusSeconds(180)));
            assertThat(alerts.get(0).getValue()).isEqualTo(0.5);
            assertThat(alerts.get(0).getThreshold()).isEqualTo(0.05);
            assertThat(alerts.get(1).getValue()).isZero();
        }
    }

    @Test
    void slowWindowsThatAreNotAdjacentRaiseNoLatencyAlert() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            for (int minute : new int[] {0, 2, 4}) {
                for (int i = 0; i < 25; i++) {
                    metrics.send(view(PRODUCT).by("u-" + i).latency(5_000).at(T0.plusSeconds(minute * 60L + i)));
                }
            }
            metrics.send(view(HOME).at(T0.plus(Duration.ofMinutes(7))));

            assertThat(metrics.pageCounts()).filteredOn(w -> w.getPage().equals(PRODUCT)).hasSize(3)
                    .allSatisfy(w -> assertThat(w.getP99LatencyMs()).isCloseTo(5_000L, org.assertj.core.data.Offset.offset(50L)));
            assertThat(metrics.alerts()).isEmpty();
        }
    }

    @Test
    void topTenPagesOfEachWindowEqualABruteForceCount() {
        Random random = new Random(3);
        List<io.streamsuite.schemas.web.PageView> generated = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            // Skewed popularity over 40 pages, so ranks differ and ties are rare but possible.
            int page = (int) Math.floor(Math.pow(random.nextDouble(), 2.5) * 40);
            generated.add(view("/products/" + page).by("u-" + random.nextInt(500)).at(T0.plusMillis(i * 45L)).build());
        }
        try (MetricsDriver metrics = new MetricsDriver()) {
            generated.forEach(metrics::send);
            metrics.send(view(HOME).at(T0.plus(Duration.ofMinutes(6))).build());

            Map<Instant, Map<String, Long>> bruteForce = new HashMap<>();
            for (io.streamsuite.schemas.web.PageView view : generated) {
                long ms = view.getEventTime().toEpochMilli();
                Instant start = Instant.ofEpochMilli(ms - Math.floorMod(ms, 60_000L));
                bruteForce.computeIfAbsent(start, s -> new HashMap<>()).merge(view.getPage(), 1L, Long::sum);
            }
            assertThat(bruteForce).hasSize(3);
            for (Map.Entry<Instant, Map<String, Long>> window : bruteForce.entrySet()) {
                List<String> expected = window.getValue().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(10).map(e -> e.getKey() + "=" + e.getValue()).toList();
                TopPages top = metrics.topPages(window.getKey());
                assertThat(top).as("window " + window.getKey()).isNotNull();
                assertThat(top.getPages()).extracting(rank -> rank.getPage() + "=" + rank.getViews())
                        .as("window " + window.getKey()).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void ticksCarryStreamTimeToThePagePartitionsAndNeverShowInAnyResult() {
        try (MetricsDriver metrics = new MetricsDriver()) {
            metrics.send(view(PRODUCT).at(T0.plusSeconds(10)));
            metrics.advanceWallClock(Duration.ofSeconds(6));
            metrics.send(view(PRODUCT).at(T0.plusSeconds(200)));
            for (int i = 0; i < 5; i++) {
                metrics.advanceWallClock(Duration.ofSeconds(6));
            }

            List<TestRecord<String, byte[]>> ticks = metrics.repartitionedByPage().stream()
                    .filter(r -> r.key().equals(PageHit.TICK_KEY)).toList();
            long first = T0.plusSeconds(10).toEpochMilli();
            long last = T0.plusSeconds(200).toEpochMilli();
            assertThat(ticks).extracting(TestRecord::timestamp)
                    .as("a tick per stream-time advance; the last one repeated twice (the emit check is throttled), then quiet")
                    .containsExactly(first, last, last, last);
            assertThat(metrics.pageCounts()).extracting(PageViewWindow::getPage).containsOnly(PRODUCT);
            assertThat(metrics.topPages(T0).getPages()).extracting(PageRank::getPage).containsExactly(PRODUCT);
            assertThat(metrics.late()).isEmpty();
        }
    }
}
