package io.streamsuite.kit.query;

import java.time.Duration;

/**
 * The store cannot answer now but will soon: Streams not yet RUNNING, rebalancing or restoring,
 * the owner unreachable. 503 with {@code Retry-After}, never an empty 200.
 */
public class StoreUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public StoreUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public StoreUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
