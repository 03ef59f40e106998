package io.streamsuite.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name=value} options with defaults; an unknown option is an error, not a silent no-op. */
public final class Args {

    private final Map<String, String> given = new LinkedHashMap<>();
    private final Set<String> known;

    private Args(Set<String> known) {
        this.known = known;
    }

    public static Args parse(String[] args, Set<String> known) {
        Args parsed = new Args(known);
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + arg + " (options are --name=value)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; known: --" + String.join(", --", known));
            }
            parsed.given.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return parsed;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(given.getOrDefault(name, "false"));
    }

    public String text(String name, String fallback) {
        return given.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        return given.containsKey(name) ? Integer.parseInt(given.get(name).replace("_", "")) : fallback;
    }

    public long number(String name, long fallback) {
        return given.containsKey(name) ? Long.parseLong(given.get(name).replace("_", "")) : fallback;
    }

    public double decimal(String name, double fallback) {
        return given.containsKey(name) ? Double.parseDouble(given.get(name)) : fallback;
    }

    public Duration seconds(String name, long fallbackSeconds) {
        return Duration.ofSeconds(number(name, fallbackSeconds));
    }

    public Path path(String name, String fallback) {
        return Path.of(text(name, fallback));
    }

    public boolean has(String name) {
        return given.containsKey(name);
    }
}
