package io.streamsuite.simulator.event;

import org.apache.avro.specific.SpecificRecord;

/**
 * One generated record: where it goes, its key, its Avro value and what makes it special.
 *
 * @param domain      payments, web, shop or iot
 * @param topic       input topic it is written to
 * @param key         record key (card id, user id, item id, device id …), sent as UTF-8 text
 * @param value       the Avro record
 * @param eventTimeMs event time; also the Kafka record timestamp
 * @param kind        reference data, a normal event, or a deliberately late or out-of-order one
 * @param fraud       the fraud pattern this transaction belongs to, or null
 */
public record SimEvent(String domain, String topic, String key, SpecificRecord value, long eventTimeMs,
                       Kind kind, String fraud) {

    /** How the event relates to the stream's time. */
    public enum Kind {
        /** Catalog, profile or registration: sent before the stream events. */
        REFERENCE,
        NORMAL,
        /** Event time earlier than the previous event of the same key, but within a window's grace. */
        OUT_OF_ORDER,
        /** Older than any grace period (minutes behind the simulated clock). */
        LATE
    }

    public boolean isFraud() {
        return fraud != null;
    }
}
