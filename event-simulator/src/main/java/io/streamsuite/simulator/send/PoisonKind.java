package io.streamsuite.simulator.send;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** The kinds of poison record the simulator mixes into a stream topic, and how each is made from a good record. */
public enum PoisonKind {
    /** Random bytes whose first byte is not the Confluent magic byte. */
    GARBAGE_BYTES,
    /** A good record with the magic byte set to 0x01. */
    WRONG_MAGIC_BYTE,
    /** A good record (magic byte, Avro body) pointing at a schema id no registry has: {@link #UNKNOWN_SCHEMA_ID}. */
    UNKNOWN_SCHEMA_ID;

    /** The id an UNKNOWN_SCHEMA_ID record carries; registries hand out small ids, never this one. */
    public static final int UNKNOWN_ID = 0x7FFF_FFF0;

    /** Header on every poison record naming its kind, so a drill can tell the poison it sent from the rest. */
    public static final String HEADER = "simulator.poison";

    /** The poison bytes, made from a good Confluent-framed record of the same topic. */
    public byte[] make(byte[] goodRecord, SplittableRandom random) {
        return switch (this) {
            case GARBAGE_BYTES -> {
                byte[] bytes = new byte[8 + random.nextInt(120)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
                bytes[0] = (byte) (1 + random.nextInt(255));
                yield bytes;
            }
            case WRONG_MAGIC_BYTE -> {
                byte[] bytes = goodRecord.clone();
                bytes[0] = 0x01;
                yield bytes;
            }
            case UNKNOWN_SCHEMA_ID -> {
                byte[] bytes = goodRecord.clone();
                ByteBuffer.wrap(bytes).put(0, (byte) 0).putInt(1, UNKNOWN_ID);
                yield bytes;
            }
        };
    }
}
