package io.streamsuite.kit.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/** An exception thrown in a processor (KIP-1033): the source record's raw bytes go to the DLQ. */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.fromConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return router.route(Reason.PROCESSING, context, exception,
                        context.sourceRawKey(), context.sourceRawValue(), null, null, null)
                .map(deadLetter -> Response.resume(List.of(deadLetter)))
                .orElseGet(Response::fail);
    }
}
