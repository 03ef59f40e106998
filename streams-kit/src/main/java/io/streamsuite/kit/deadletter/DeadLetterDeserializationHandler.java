package io.streamsuite.kit.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Bad bytes, a wrong magic byte, an unknown schema id: the raw record goes to the DLQ and the app goes on. */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.fromConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return router.route(Reason.DESERIALIZATION, context, exception, record.key(), record.value(), null, null, null)
                .map(deadLetter -> Response.resume(List.of(deadLetter)))
                .orElseGet(Response::fail);
    }
}
