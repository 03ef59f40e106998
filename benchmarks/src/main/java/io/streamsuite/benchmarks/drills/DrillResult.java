package io.streamsuite.benchmarks.drills;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a drill checked: named counts, and the failed expectations (none means PASS). */
public final class DrillResult {

    private final String name;
    private final Map<String, Object> counts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public DrillResult(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public DrillResult count(String what, Object value) {
        counts.put(what, value);
        return this;
    }

    /** Records a failure unless the condition holds. */
    public DrillResult expect(boolean condition, String expectation) {
        if (!condition) {
            failures.add(expectation);
        }
        return this;
    }

    public DrillResult fail(String why) {
        failures.add(why);
        return this;
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    public Map<String, Object> counts() {
        return Map.copyOf(counts);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(passed() ? "PASS " : "FAIL ").append(name).append(": ");
        counts.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
        failures.forEach(f -> line.append("\n    expected: ").append(f));
        return line.toString().trim();
    }
}
