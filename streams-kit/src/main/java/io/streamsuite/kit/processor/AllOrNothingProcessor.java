package io.streamsuite.kit.processor;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A processor whose record is either fully processed or not at all: {@link #decide} reads state and stages
 * its writes and outputs on a {@link RecordOutputs}; only when it returns are the outputs serialized (any
 * refusal throws here, before anything changed), the state written and the bytes sent.
 * <p>
 * Why: Kafka Streams does not undo a processor's store writes when the processing handler dead-letters the
 * record, and a sink that fails after another sink sent leaves that output out and the dead letter without the
 * source bytes (Kafka releases them at the first send). Staged, a failing record becomes a dead letter with its
 * raw bytes and no state change, so replaying it counts it once.
 */
public abstract class AllOrNothingProcessor<KIn, VIn> implements Processor<KIn, VIn, byte[], byte[]> {

    private ProcessorContext<byte[], byte[]> context;

    @Override
    public final void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        open(context);
    }

    /** Fetch stores, schedule punctuators. */
    protected void open(ProcessorContext<byte[], byte[]> context) {
    }

    /** Decides what this record changes. Stores may be read freely; every change goes through {@code outputs}. */
    protected abstract void decide(Record<KIn, VIn> record, RecordOutputs outputs);

    @Override
    public final void process(Record<KIn, VIn> record) {
        RecordOutputs outputs = new RecordOutputs();
        decide(record, outputs);
        outputs.apply(record, context);
    }

    protected ProcessorContext<byte[], byte[]> context() {
        return context;
    }
}
