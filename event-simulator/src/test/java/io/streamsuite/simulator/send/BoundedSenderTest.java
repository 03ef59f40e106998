package io.streamsuite.simulator.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class BoundedSenderTest {

    @Test
    void neverHasMoreThanTheBoundUnacknowledgedAndWaitsForASlot() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        BoundedSender sender = new BoundedSender(producer, 8);
        AtomicInteger acked = new AtomicInteger();
        Thread sending = new Thread(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    sender.send(new ProducerRecord<>("t", new byte[] {(byte) i}), r -> acked.incrementAndGet());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sending.start();
        // The broker (the mock) answers nothing yet: the sender must stop at 8.
        Thread.sleep(300);
        assertThat(producer.history()).hasSize(8);
        assertThat(sender.inFlight()).isEqualTo(8);
        while (sending.isAlive() || producer.completeNext()) {
            producer.completeNext();
            assertThat(sender.inFlight()).isLessThanOrEqualTo(8);
            Thread.sleep(1);
        }
        while (producer.completeNext()) {
            Thread.onSpinWait();
        }
        assertThat(sender.drain(Duration.ofSeconds(5))).isTrue();
        assertThat(acked).hasValue(100);
        assertThat(sender.maxObservedInFlight()).isEqualTo(8);
        assertThat(sender.inFlight()).isZero();
    }

    @Test
    void aFailedSendGivesItsSlotBackAndIsReported() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        BoundedSender sender = new BoundedSender(producer, 1);
        AtomicInteger failures = new AtomicInteger();
        sender.send(new ProducerRecord<>("t", new byte[] {1}), r -> failures.addAndGet(r.ok() ? 0 : 1));
        producer.errorNext(new RuntimeException("broker says no"));
        sender.send(new ProducerRecord<>("t", new byte[] {2}), r -> failures.addAndGet(r.ok() ? 0 : 1));
        producer.completeNext();
        assertThat(failures).hasValue(1);
        assertThat(sender.inFlight()).isZero();
    }
}
