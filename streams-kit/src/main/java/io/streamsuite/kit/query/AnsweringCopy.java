package io.streamsuite.kit.query;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Which copy of a store answered: the active one or a standby, on which instance, and how many
 * changelog offsets it was behind when asked (0 for an active, running copy). Sent back to the
 * caller as {@link QueryHeaders#COPY}, {@link QueryHeaders#INSTANCE} and {@link QueryHeaders#LAG}.
 */
record AnsweringCopy(Role role, String instance, long lag) {

    enum Role {
        ACTIVE, STANDBY;

        String header() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Role fromHeader(String text) {
            return "standby".equalsIgnoreCase(text) ? STANDBY : ACTIVE;
        }
    }

    static AnsweringCopy active(String instance) {
        return new AnsweringCopy(Role.ACTIVE, instance, 0);
    }

    /** Several copies answered one fanned-out query: standby if any was, the largest lag, every instance. */
    static AnsweringCopy combine(Collection<AnsweringCopy> copies) {
        Role role = copies.stream().anyMatch(copy -> copy.role() == Role.STANDBY) ? Role.STANDBY : Role.ACTIVE;
        long lag = copies.stream().mapToLong(AnsweringCopy::lag).max().orElse(0);
        TreeSet<String> instances = new TreeSet<>();
        copies.forEach(copy -> instances.addAll(java.util.List.of(copy.instance().split(","))));
        return new AnsweringCopy(role, String.join(",", instances), lag);
    }
}
