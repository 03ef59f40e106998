package io.streamsuite.simulator.send;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends through a producer with at most {@code maxInFlight} records unacknowledged: a permit is taken before each
 * send and given back in its callback, so a slow broker slows the simulator down instead of filling memory.
 */
public final class BoundedSender {

    private final Producer<byte[], byte[]> producer;
    private final int maxInFlight;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxObserved = new AtomicInteger();

    public BoundedSender(Producer<byte[], byte[]> producer, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.producer = producer;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
    }

    /** Waits for a free slot, sends, and calls {@code done} with the result (exception null on success). */
    public void send(ProducerRecord<byte[], byte[]> record, Consumer<Result> done) throws InterruptedException {
        permits.acquire();
        maxObserved.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            producer.send(record, (metadata, exception) -> {
                inFlight.decrementAndGet();
                permits.release();
                done.accept(new Result(metadata, exception));
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            permits.release();
            done.accept(new Result(null, e));
        }
    }

    /** What came back for one record. */
    public record Result(RecordMetadata metadata, Exception exception) {
        public boolean ok() {
            return exception == null;
        }
    }

    /** Flushes and waits until every send has been answered; false if that took longer than the timeout. */
    public boolean drain(Duration timeout) throws InterruptedException {
        producer.flush();
        if (permits.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.release(maxInFlight);
            return true;
        }
        return false;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The most records ever unacknowledged at once; never more than {@link #maxInFlight()}. */
    public int maxObservedInFlight() {
        return maxObserved.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }
}
