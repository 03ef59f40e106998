package io.streamsuite.kit.failure;

import io.streamsuite.kit.serde.SchemaRegistryUnavailableException;
import io.streamsuite.kit.serde.UndecodableRecordException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.rocksdb.RocksDBException;

/**
 * The one place that decides a failure's {@link FailureFate}; see there for the table. The cause chain is read
 * from the outside in and the first cause that names a fate decides, so a {@code StreamsException} wrapping a
 * registry outage is transient while a bad record wrapping an Avro {@code EOFException} stays permanent.
 */
public final class FailureFates {

    private FailureFates() {
    }

    public static FailureFate of(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            FailureFate fate = named(cause);
            if (fate != null) {
                return fate;
            }
        }
        return FailureFate.PERMANENT;
    }

    public static boolean isPermanent(Throwable failure) {
        return of(failure) == FailureFate.PERMANENT;
    }

    /** The fate this exception names by itself, or null when only its causes can tell. */
    private static FailureFate named(Throwable cause) {
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException
                || cause instanceof SecurityDisabledException) {
            return FailureFate.FATAL;
        }
        if (cause instanceof UndecodableRecordException) {
            return FailureFate.PERMANENT;
        }
        if (cause instanceof SchemaRegistryUnavailableException
                || cause instanceof RetriableException
                || cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof SocketTimeoutException
                || cause instanceof HttpTimeoutException
                || cause instanceof ConnectException
                || cause instanceof InterruptException
                || cause instanceof InterruptedException
                || cause instanceof ProcessorStateException
                || cause instanceof RocksDBException
                || isDiskFull(cause)) {
            return FailureFate.TRANSIENT;
        }
        return null;
    }

    private static boolean isDiskFull(Throwable cause) {
        String message = cause.getMessage();
        return (cause instanceof IOException || cause instanceof RocksDBException) && message != null
                && message.toLowerCase(Locale.ROOT).contains("no space left on device");
    }
}
