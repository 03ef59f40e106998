package io.streamsuite.kit.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a dashboard browser test compares: the kit's panels on the page against the service's
 * {@code /api/dashboard} answer, and the helpers a service's own panels are compared with.
 * A list of differences is empty when the page shows what the API answers.
 */
public final class DashboardChecks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** streams-kit's DeadLetterHeader.REASON (this library is built before the kit). */
    private static final String REASON_HEADER = "__streams.errors.reason";

    private DashboardChecks() {
    }

    /** The service's answer to {@code path}, asked with a token of every scope (waiting out 503s). */
    public static JsonNode get(AppInstance app, String path) {
        return JSON.readTree(app.getWhenAvailable(path).body());
    }

    /**
     * Every kit figure the page shows against {@code snapshot} (an {@code /api/dashboard} answer):
     * state, totals, the newest rate and latency points, thread replacements, restoration, lag per
     * partition, dead letters by reason and the threads table.
     */
    public static List<String> kitDifferences(DashboardBrowser page, JsonNode snapshot) {
        List<String> differences = new ArrayList<>();
        compare(differences, "state", page.figure("state"), snapshot.get("state").asString());
        compare(differences, "records in", page.figure("recordsIn"), snapshot.get("totals").get("recordsIn").asString());
        compare(differences, "records out", page.figure("recordsOut"), snapshot.get("totals").get("recordsOut").asString());
        compare(differences, "thread replacements", page.figure("threadReplacements"), snapshot.get("threadReplacements").asString());
        compare(differences, "restored", page.figure("restored"), snapshot.get("restoration").get("restored").asString());
        compare(differences, "to restore", page.figure("restoreTotal"), snapshot.get("restoration").get("total").asString());
        compareNumber(differences, "in/s", page.figure("recordsInPerSecond"), newest(snapshot, "recordsInPerSecond"));
        compareNumber(differences, "out/s", page.figure("recordsOutPerSecond"), newest(snapshot, "recordsOutPerSecond"));
        compareNumber(differences, "p50", page.figure("e2eLatencyP50Ms"), newest(snapshot, "e2eLatencyP50Ms"));
        compareNumber(differences, "p99", page.figure("e2eLatencyP99Ms"), newest(snapshot, "e2eLatencyP99Ms"));

        List<Map<String, String>> lag = new ArrayList<>();
        snapshot.get("lag").forEach(l -> lag.add(bar(l.get("topic").asString() + "-" + l.get("partition").asInt(), l.get("lag").asString())));
        compare(differences, "lag", page.bars("[data-panel='lag']"), lag);
        List<Map<String, String>> deadLetters = new ArrayList<>();
        snapshot.get("deadLetters").forEach(d -> deadLetters.add(bar(d.get("reason").asString(), d.get("count").asString())));
        compare(differences, "dead letters", page.bars("[data-panel='dead-letters']"), deadLetters);
        List<List<String>> threads = new ArrayList<>();
        snapshot.get("threads").forEach(t -> threads.add(List.of(t.get("name").asString(), t.get("state").asString(),
                t.get("activeTasks").asString(), t.get("standbyTasks").asString())));
        compare(differences, "threads", page.tableRows("[data-panel='threads']"), threads);
        return differences;
    }

    /** Adds a difference when what the page shows is not what the API answered. */
    public static void compare(List<String> differences, String what, Object shown, Object answered) {
        if (!Objects.equals(shown, answered)) {
            differences.add(what + ": page " + shown + ", API " + answered);
        }
    }

    /** A figure against a number of the API; "–" on the page stands for none. */
    public static void compareNumber(List<String> differences, String what, String shown, JsonNode answered) {
        boolean same = answered == null || answered.isNull()
                ? "–".equals(shown)
                : shown != null && !shown.equals("–") && Double.parseDouble(shown) == answered.asDouble();
        if (!same) {
            differences.add(what + ": page " + shown + ", API " + answered);
        }
    }

    /** A figure the page rounds to two decimals (a LINE panel's newest values) against the API's exact number. */
    public static void compareRounded(List<String> differences, String what, String shown, JsonNode answered) {
        boolean same = answered == null || answered.isNull()
                ? "–".equals(shown)
                : shown != null && !shown.equals("–")
                        && Double.parseDouble(shown) == Math.round(answered.asDouble() * 100) / 100.0;
        if (!same) {
            differences.add(what + ": page " + shown + ", API " + answered);
        }
    }

    /**
     * The keys of the records a service's dead-letter topic holds for {@code reason} (the kit's reason header), in
     * topic order. Tests of one JVM share the broker, so a dead-letter bar is checked against this, not a constant.
     */
    public static List<String> deadLetterKeys(String deadLetterTopic, String reason) {
        return KafkaStack.readAll(deadLetterTopic).stream()
                .filter(deadLetter -> {
                    var header = deadLetter.headers().lastHeader(REASON_HEADER);
                    return header != null && reason.equals(new String(header.value(), StandardCharsets.UTF_8));
                })
                .map(deadLetter -> deadLetter.key() == null ? "" : new String(deadLetter.key(), StandardCharsets.UTF_8))
                .toList();
    }

    /** A bar as {@link DashboardBrowser#bars} reads it. */
    public static Map<String, String> bar(String label, String value) {
        Map<String, String> bar = new LinkedHashMap<>();
        bar.put("label", label);
        bar.put("value", value);
        return bar;
    }

    /**
     * Waits until the service has consumed its input (lag 0 on every assigned partition) and its
     * totals hold still for three seconds: from then on the page must show exactly the API's figures.
     */
    public static JsonNode awaitQuiet(AppInstance app, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode snapshot = get(app, "/api/dashboard");
            if (consumed(snapshot)) {
                AppInstance.sleep(3000);
                JsonNode later = get(app, "/api/dashboard");
                if (consumed(later) && later.get("totals").equals(snapshot.get("totals"))) {
                    return later;
                }
            }
            AppInstance.sleep(500);
        }
        throw new AssertionError(app.baseUrl() + " did not consume its input within " + timeout + ": "
                + get(app, "/api/dashboard").get("lag"));
    }

    private static boolean consumed(JsonNode snapshot) {
        JsonNode lag = snapshot.get("lag");
        return !lag.isEmpty() && lag.valueStream().allMatch(l -> l.get("lag").asLong() == 0);
    }

    private static JsonNode newest(JsonNode snapshot, String series) {
        JsonNode values = snapshot.get("series").get(series);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
