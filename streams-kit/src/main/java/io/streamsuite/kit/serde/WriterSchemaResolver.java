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
 * An id the registry refuses (not found, access denied) counts as resolved: the deserializer then decides its fate.
 */
final class WriterSchemaResolver implements AutoCloseable {

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
    boolean resolved(byte[] bytes, long deadlineNanos) {
        if (bytes == null || bytes.length < 5 || bytes[0] != 0) {
            return true;
        }
        int id = ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
        if (found.contains(id) || refused.contains(id)) {
            return true;
        }
        Long since = unavailableSince.get(id);
        if (since != null && System.nanoTime() - since < retryNanos) {
            return false;
        }
        CompletableFuture<Void> fetch = fetches.compute(id, (key, running) ->
                running == null || running.isDone() ? CompletableFuture.runAsync(() -> fetch(key), fetcher) : running);
        long wait = deadlineNanos - System.nanoTime();
        try {
            if (wait > 0) {
                fetch.get(wait, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
        return found.contains(id) || refused.contains(id);
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
