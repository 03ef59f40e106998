package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.failure.FailureFate;
import io.streamsuite.kit.failure.FailureFates;

/**
 * Kept for callers of the first kit versions: a failure that must not become a dead letter. The decision itself
 * lives in {@link FailureFates}.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /** True unless the failure is {@link FailureFate#PERMANENT}: transient and fatal ones are never dead letters. */
    public static boolean isTransient(Throwable failure) {
        return FailureFates.of(failure) != FailureFate.PERMANENT;
    }
}
