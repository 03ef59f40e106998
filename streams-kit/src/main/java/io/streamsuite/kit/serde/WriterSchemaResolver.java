package io.streamsuite.kit.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which writer-schema ids the registry client already holds, and fetches new ones on its own thread, so the
 * caller (a stream thread, perhaps inside an open transaction) never waits on the registry longer than it chooses.
 * An id the registry refuses (not found, access denied) is {@link Resolution#REFUSED}: the deserializer then decides its
 * fate, and the caller may take it as a sign that the bytes were never the registry's.
 */
final class WriterSchemaResolver implements AutoCloseable {

    enum Resolution {
        /** Not the wire format, or an id the registry gave. */
        KNOWN,
        /** An id the registry does not have (or will not give us). */
        REFUSED,
        /** The registry could not answer in time: hold the record. */
        WAITING
    }

    private static final Logger log = LoggerFactory.getLogger(WriterSchemaResolver.class);
    /** Ids the registry does not have come from bad bytes: remembered, but not without bound. */
    private static final int MAX_REFUSED_IDS = 1_000;

    private final SchemaRegistryClient registry;
    private final long retryNanos;
    private final Set<Integer> found = ConcurrentHashMap.newKeySet();
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> unavailableSince = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> fetches = new ConcurrentHashMap<>();
    private final ExecutorService fetcher;

    WriterSchemaResolver(SchemaRegistryClient registry, Duration retry, String threadName) {
        this.registry = registry;
        this.retryNanos = retry.toNanos();
        this.fetcher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Whether the writer schema these bytes name (Confluent wire format) is known, waiting for a fetch no later
     * than {@code deadlineNanos} ({@link System#nanoTime()}). Bytes not in the wire format need no schema.
     */
    Resolution resolve(byte[] bytes, long deadlineNanos) {
        if (bytes == null || bytes.length < 5 || bytes[0] != 0) {
            return Resolution.KNOWN;
        }
        int id = idOf(bytes);
        Resolution known = known(id);
        if (known != null) {
            return known;
        }
        Long since = unavailableSince.get(id);
        if (since != null && System.nanoTime() - since < retryNanos) {
            return Resolution.WAITING;
        }
        CompletableFuture<Void> fetch = fetches.compute(id, (key, running) ->
                running == null || running.isDone() ? CompletableFuture.runAsync(() -> fetch(key), fetcher) : running);
        long wait = deadlineNanos - System.nanoTime();
        try {
            if (wait > 0) {
                fetch.get(wait, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            return Resolution.WAITING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Resolution.WAITING;
        } catch (ExecutionException e) {
            return Resolution.WAITING;
        }
        Resolution fetched = known(id);
        return fetched != null ? fetched : Resolution.WAITING;
    }

    /** The schema id of bytes in the wire format (magic byte 0, then the id big-endian). */
    static int idOf(byte[] bytes) {
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    private Resolution known(int id) {
        if (found.contains(id)) {
            return Resolution.KNOWN;
        }
        return refused.contains(id) ? Resolution.REFUSED : null;
    }

    private void fetch(int id) {
        try {
            registry.schemaById(id);
            found.add(id);
            if (unavailableSince.remove(id) != null) {
                log.info("Schema registry answers again: writer schema {} resolved", id);
            }
        } catch (SchemaRegistryUnavailableException e) {
            if (unavailableSince.put(id, System.nanoTime()) == null) {
                log.warn("Schema registry unavailable for writer schema {}: holding its records until it answers ({})",
                        id, e.getMessage());
            }
        } catch (RuntimeException e) {
            if (refused.size() >= MAX_REFUSED_IDS) {
                refused.clear();
            }
            refused.add(id);
            unavailableSince.remove(id);
        }
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }
}
