package io.streamsuite.kit.deadletter;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure that will go away (registry or broker down, credentials being rotated, a timeout)
 * from one that will not. Transient failures must never become dead letters: the thread fails,
 * exactly-once aborts the transaction and the replacement thread redoes the work.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof RetriableException
                    || cause instanceof AuthenticationException
                    || cause instanceof AuthorizationException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
