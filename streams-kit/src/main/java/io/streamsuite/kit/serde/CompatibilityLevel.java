package io.streamsuite.kit.serde;

/** A subject's compatibility rule, as the Confluent API names it. */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
}
