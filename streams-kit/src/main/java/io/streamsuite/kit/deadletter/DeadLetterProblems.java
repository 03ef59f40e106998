package io.streamsuite.kit.deadletter;

import java.net.URI;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Problem bodies (RFC 9457) for the dead-letter API: malformed input is a 4xx, Kafka trouble a 503. */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
public class DeadLetterProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProblems.class);

    @ExceptionHandler(KafkaException.class)
    public ProblemDetail kafkaUnavailable(KafkaException exception) {
        log.warn("Dead-letter request failed on Kafka: {}", exception.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka did not answer: " + exception.getClass().getSimpleName());
        problem.setTitle("Kafka unavailable");
        problem.setType(URI.create("urn:streamsuite:dead-letters:503"));
        return problem;
    }
}
