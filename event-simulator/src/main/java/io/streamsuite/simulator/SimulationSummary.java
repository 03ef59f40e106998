package io.streamsuite.simulator;

import io.streamsuite.simulator.send.PoisonKind;
import io.streamsuite.simulator.send.SendStats;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run did, per domain and per topic. Counts are of acknowledged records; poison records are counted in
 * {@code sent} and by kind.
 */
public record SimulationSummary(Map<String, SendStats.Tally> byDomain, Map<String, SendStats.Tally> byTopic,
                                SendStats.Tally total, Duration elapsed, int maxObservedInFlight, int maxInFlight,
                                long transactionIdsWritten) {

    public boolean hasErrors() {
        return total.errors() > 0;
    }

    /** Stream records per second over the whole run (reference data included). */
    public double averageRate() {
        double seconds = Math.max(0.001, elapsed.toNanos() / 1e9);
        return total.sent() / seconds;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("event-simulator summary: sent=%d errors=%d elapsed=%.1fs avg-rate=%.1f/s max-in-flight=%d/%d%n",
                total.sent(), total.errors(), elapsed.toMillis() / 1000.0, averageRate(), maxObservedInFlight, maxInFlight));
        out.append(String.format("  %-28s %10s %7s %8s %8s %8s  %s%n", "domain / topic", "sent", "errors", "late",
                "ooo", "fraud", "poison (" + poisonHeader() + ")"));
        byDomain.forEach((domain, tally) -> {
            out.append(line(domain, tally));
            byTopic.entrySet().stream().filter(e -> e.getKey().startsWith(prefix(domain)))
                    .forEach(e -> out.append(line("  " + e.getKey(), e.getValue())));
        });
        if (transactionIdsWritten > 0) {
            out.append("  transaction ids written: ").append(transactionIdsWritten).append('\n');
        }
        return out.toString();
    }

    private static String prefix(String domain) {
        return domain.equals("shop") ? "shop." : domain.equals("iot") ? "iot." : domain.equals("web") ? "web." : "payments.";
    }

    private static String poisonHeader() {
        return java.util.Arrays.stream(PoisonKind.values()).map(k -> k.name().toLowerCase()).collect(Collectors.joining(" / "));
    }

    private static String line(String label, SendStats.Tally t) {
        String poison = java.util.Arrays.stream(PoisonKind.values()).map(k -> Long.toString(t.poison().get(k)))
                .collect(Collectors.joining(" / "));
        return String.format("  %-28s %10d %7d %8d %8d %8d  %s%n", label, t.sent(), t.errors(), t.late(),
                t.outOfOrder(), t.fraud(), poison);
    }
}
