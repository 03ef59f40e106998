package io.streamsuite.kit.deadletter;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refusal the dead-letter API answers with an RFC 9457 problem body, never a 500. */
public class DeadLetterProblem extends ErrorResponseException {

    private DeadLetterProblem(HttpStatus status, String title, String detail, Throwable cause) {
        super(status, problem(status, title, detail), cause);
    }

    static DeadLetterProblem badRequest(String detail) {
        return new DeadLetterProblem(HttpStatus.BAD_REQUEST, "Invalid dead-letter request", detail, null);
    }

    static DeadLetterProblem notFound(String detail, Object missing) {
        DeadLetterProblem problem = new DeadLetterProblem(HttpStatus.NOT_FOUND, "Dead letter not found", detail, null);
        problem.getBody().setProperty("missing", missing);
        return problem;
    }

    static DeadLetterProblem alreadyReplayed(String detail, Object results) {
        DeadLetterProblem problem = new DeadLetterProblem(HttpStatus.CONFLICT, "Already replayed", detail, null);
        problem.getBody().setProperty("results", results);
        return problem;
    }

    static DeadLetterProblem unavailable(String detail, Throwable cause) {
        return new DeadLetterProblem(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable", detail, cause);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(URI.create("urn:streamsuite:dead-letters:" + status.value()));
        return body;
    }
}
