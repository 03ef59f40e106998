package io.streamsuite.kit.serde;

import java.io.OutputStream;
import java.util.Arrays;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A per-thread growable buffer and encoder, reused record after record: no allocation but the result array.
 * The encoder writes straight into the buffer (it keeps no bytes of its own), so a record that fails half-way
 * leaves nothing behind once {@link #discard()} has reset the count: the next record starts clean.
 */
final class AvroOutput extends OutputStream {

    private static final int INITIAL = 256;
    private static final int KEEP_AT_MOST = 1 << 20;
    private static final ThreadLocal<AvroOutput> PER_THREAD = ThreadLocal.withInitial(AvroOutput::new);

    private byte[] buffer = new byte[INITIAL];
    private int count;
    private BinaryEncoder encoder;

    static AvroOutput forThisThread() {
        AvroOutput output = PER_THREAD.get();
        output.count = 0;
        return output;
    }

    BinaryEncoder encoder() {
        encoder = EncoderFactory.get().directBinaryEncoder(this, encoder);
        return encoder;
    }

    /** After a failed write: forget the partial bytes, and the encoder with them. */
    void discard() {
        encoder = null;
        count = 0;
        if (buffer.length > KEEP_AT_MOST) {
            buffer = new byte[INITIAL];
        }
    }

    void writeHeader(int schemaId) {
        ensure(5);
        buffer[0] = 0;
        buffer[1] = (byte) (schemaId >>> 24);
        buffer[2] = (byte) (schemaId >>> 16);
        buffer[3] = (byte) (schemaId >>> 8);
        buffer[4] = (byte) schemaId;
        count = 5;
    }

    byte[] toByteArrayAndRelease() {
        byte[] result = Arrays.copyOf(buffer, count);
        if (buffer.length > KEEP_AT_MOST) {
            // One huge record should not pin its buffer to the thread forever.
            buffer = new byte[INITIAL];
        }
        count = 0;
        return result;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    private void ensure(int more) {
        if (count + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
        }
    }
}
