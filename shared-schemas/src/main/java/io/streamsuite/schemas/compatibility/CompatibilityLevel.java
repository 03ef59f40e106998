package io.streamsuite.schemas.compatibility;

/**
 * How a schema must relate to every earlier released version of its subject (the transitive forms of the
 * registry levels: the gate always checks against all released versions, not only the latest).
 */
public enum CompatibilityLevel {
    /** The current schema reads data written with every earlier version: consumers upgrade first. */
    BACKWARD_TRANSITIVE(true, false),
    /** Every earlier version reads data written with the current schema: producers upgrade first. */
    FORWARD_TRANSITIVE(false, true),
    /** Both: for topics other teams consume, who upgrade on their own schedule. */
    FULL_TRANSITIVE(true, true);

    private final boolean backward;
    private final boolean forward;

    CompatibilityLevel(boolean backward, boolean forward) {
        this.backward = backward;
        this.forward = forward;
    }

    boolean checksBackward() {
        return backward;
    }

    boolean checksForward() {
        return forward;
    }
}
