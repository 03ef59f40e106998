package io.streamsuite.simulator;

import io.streamsuite.simulator.event.GeneratorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a run is told, typed and checked. Build it from command-line arguments with {@link #parse(String...)}
 * (benchmarks and the local stack do the same, so there is one way to say what to simulate).
 *
 * @param duration   how long to run, or null to stop at {@code count} (or at Ctrl-C when both are null)
 * @param count      how many stream records (poison included, reference data not) to send, or null
 * @param rate       total stream records per second over all domains; 0 sends as fast as backpressure allows
 * @param start      simulated time of the first event; null means the wall clock at start-up ({@code --start=now})
 * @param idsFile    where to write the id of every acknowledged transaction, one a line, or null; with the iot domain
 *                   it also names every device's behaviour in lines {@code # iot-device <id> <BEHAVIOUR>}
 * @param realTime   send no event before its event time: a --start in the past catches up as fast as backpressure
 *                   allows, then runs live (--rate then only sizes the simulated population, e.g. the IoT fleet)
 */
public record SimulatorOptions(String bootstrapServers, String schemaRegistryUrl, List<String> domains, double rate,
                               Duration duration, Long count, long seed, double lateShare, double outOfOrderShare,
                               double poisonShare, double fraudShare, int partitions, short replicationFactor,
                               int maxInFlight, Path idsFile, Instant start, int population, Duration progressInterval,
                               boolean createTopics, boolean realTime) {

    public static final List<String> ALL_DOMAINS = List.of("payments", "web", "shop", "iot");

    public static final String USAGE = "usage: event-simulator --bootstrap-servers=HOST:PORT --schema-registry-url=URL"
            + " [--domains=payments,web,shop,iot] [--rate=200] [--duration=60s | --count=N] [--seed=42]"
            + " [--fraud-share=0.02] [--late-share=0] [--out-of-order-share=0] [--poison-share=0]"
            + " [--partitions=3] [--replication-factor=1] [--max-in-flight=5000] [--ids-file=PATH]"
            + " [--start=now|2026-01-05T08:00:00Z] [--population=10000] [--progress-interval=5s] [--no-create-topics] [--real-time]";

    private static final Set<String> KNOWN = Set.of("bootstrap-servers", "schema-registry-url", "domains", "rate",
            "duration", "count", "seed", "late-share", "out-of-order-share", "poison-share", "fraud-share",
            "partitions", "replication-factor", "max-in-flight", "ids-file", "start", "population",
            "progress-interval", "no-create-topics", "real-time");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /** Parses {@code --name=value} arguments; throws {@link BadOptionsException} with a clear message on any problem. */
    public static SimulatorOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new BadOptionsException("unexpected argument '" + arg + "' (options look like --name=value)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            if (!KNOWN.contains(name)) {
                throw new BadOptionsException("unknown option --" + name);
            }
            if (eq < 0 && !name.equals("no-create-topics") && !name.equals("real-time")) {
                throw new BadOptionsException("--" + name + " needs a value: --" + name + "=...");
            }
            if (values.put(name, value) != null) {
                throw new BadOptionsException("--" + name + " given twice");
            }
        }
        String bootstrap = required(values, "bootstrap-servers");
        String registry = required(values, "schema-registry-url");
        if (values.containsKey("duration") && values.containsKey("count")) {
            throw new BadOptionsException("give --duration or --count, not both");
        }
        return new SimulatorOptions(bootstrap, registry,
                domains(values.getOrDefault("domains", String.join(",", ALL_DOMAINS))),
                number(values, "rate", 200, 0, 10_000_000),
                values.containsKey("duration") ? duration(values.get("duration"), "duration") : null,
                values.containsKey("count") ? (long) wholeNumber(values, "count", 0, 1, Long.MAX_VALUE) : null,
                (long) wholeNumber(values, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                share(values, "late-share", 0), share(values, "out-of-order-share", 0),
                share(values, "poison-share", 0), share(values, "fraud-share", 0.02),
                (int) wholeNumber(values, "partitions", 3, 1, 10_000),
                (short) wholeNumber(values, "replication-factor", 1, 1, Short.MAX_VALUE),
                (int) wholeNumber(values, "max-in-flight", 5_000, 1, 1_000_000),
                values.containsKey("ids-file") ? path(values.get("ids-file")) : null,
                start(values.getOrDefault("start", GeneratorSettings.DEFAULT_START.toString())),
                (int) wholeNumber(values, "population", 10_000, 1, 10_000_000),
                duration(values.getOrDefault("progress-interval", "5s"), "progress-interval"),
                !values.containsKey("no-create-topics"), values.containsKey("real-time"));
    }

    public SimulatorOptions {
        if (lateShare + outOfOrderShare > 1) {
            throw new BadOptionsException("--late-share plus --out-of-order-share must not exceed 1");
        }
    }

    /** The generator settings for one domain of this run: its share of the rate, the run's seed and shares. */
    public GeneratorSettings generatorSettings(Instant resolvedStart) {
        double perDomain = rate > 0 ? rate / domains.size() : 1000;
        return new GeneratorSettings(seed, resolvedStart, perDomain, fraudShare, lateShare, outOfOrderShare,
                Duration.ofMinutes(10), population);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new BadOptionsException("--" + name + " is required");
        }
        return value.trim();
    }

    private static List<String> domains(String value) {
        Set<String> domains = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String domain = part.trim().toLowerCase();
            if (!ALL_DOMAINS.contains(domain)) {
                throw new BadOptionsException("--domains: unknown domain '" + part.trim() + "' (known: "
                        + String.join(", ", ALL_DOMAINS) + ")");
            }
            domains.add(domain);
        }
        return new ArrayList<>(domains);
    }

    private static double number(Map<String, String> values, String name, double fallback, double min, double max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadOptionsException("--" + name + ": '" + raw + "' is not a number");
        }
        if (!(value >= min && value <= max)) {
            throw new BadOptionsException("--" + name + ": " + raw + " is out of range (" + fmt(min) + " to " + fmt(max) + ")");
        }
        return value;
    }

    private static long wholeNumber(Map<String, String> values, String name, long fallback, long min, long max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadOptionsException("--" + name + ": '" + raw + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new BadOptionsException("--" + name + ": " + raw + " is out of range (" + min + " to " + max + ")");
        }
        return value;
    }

    private static double share(Map<String, String> values, String name, double fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new BadOptionsException("--" + name + ": '" + raw + "' is not a share between 0 and 1 (e.g. 0.05)");
    }

    private static Duration duration(String raw, String name) {
        Matcher m = DURATION.matcher(raw.trim());
        Duration value = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            value = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                value = Duration.parse(raw.trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (value == null || value.isNegative() || value.isZero()) {
            throw new BadOptionsException("--" + name + ": '" + raw + "' is not a positive duration (e.g. 500ms, 60s, 5m, 1h)");
        }
        return value;
    }

    private static Path path(String raw) {
        if (raw.isBlank()) {
            throw new BadOptionsException("--ids-file needs a path");
        }
        return Path.of(raw);
    }

    private static Instant start(String raw) {
        if (raw.trim().equalsIgnoreCase("now")) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new BadOptionsException("--start: '" + raw + "' is neither 'now' nor an ISO-8601 instant like 2026-01-05T08:00:00Z");
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
