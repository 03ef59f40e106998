package io.streamsuite.kit.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * An output record that cannot be serialized or sent (too large, invalid): the source record goes to
 * the DLQ. Send errors are reported after Kafka released the source bytes, so those dead letters
 * carry the serialized output record instead (payload header {@code output}).
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.fromConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        return router.route(Reason.PRODUCTION, context, exception, context.sourceRawKey(), context.sourceRawValue(),
                        record.topic(), record.key(), record.value())
                .map(deadLetter -> Response.resume(List.of(deadLetter)))
                .orElseGet(Response::fail);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return router.route(Reason.PRODUCTION, context, exception, context.sourceRawKey(), context.sourceRawValue(),
                        record.topic(), null, null)
                .map(deadLetter -> Response.resume(List.of(deadLetter)))
                .orElseGet(Response::fail);
    }
}
