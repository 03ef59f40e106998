package io.streamsuite.kit.query;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem bodies for controllers marked {@link StoreQueryApi}: 400 for bad input, 404 for
 * an unknown store or key, 503 with Retry-After while a store cannot answer. No stack traces.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = StoreQueryApi.class)
public class StoreQueryProblemHandler extends ResponseEntityExceptionHandler {

    public static final URI INVALID_QUERY = URI.create("urn:streams-kit:problem:invalid-query");
    public static final URI UNKNOWN_STORE = URI.create("urn:streams-kit:problem:unknown-store");
    public static final URI KEY_NOT_FOUND = URI.create("urn:streams-kit:problem:key-not-found");
    public static final URI STORE_UNAVAILABLE = URI.create("urn:streams-kit:problem:store-unavailable");
    public static final URI QUERY_FAILED = URI.create("urn:streams-kit:problem:query-failed");

    private static final Logger log = LoggerFactory.getLogger(StoreQueryProblemHandler.class);

    @ExceptionHandler(InvalidQueryException.class)
    public ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, INVALID_QUERY, "Invalid query", e.getMessage(), request);
    }

    @ExceptionHandler(UnknownStoreException.class)
    public ResponseEntity<ProblemDetail> unknownStore(UnknownStoreException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, UNKNOWN_STORE, "Unknown store", e.getMessage(), request);
    }

    @ExceptionHandler(KeyNotFoundException.class)
    public ResponseEntity<ProblemDetail> keyNotFound(KeyNotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, KEY_NOT_FOUND, "Key not found", e.getMessage(), request);
    }

    @ExceptionHandler(StoreUnavailableException.class)
    public ResponseEntity<ProblemDetail> unavailable(StoreUnavailableException e, HttpServletRequest request) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE,
                "Store unavailable", e.getMessage(), request);
        return ResponseEntity.status(response.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(response.getBody());
    }

    /** A bug or misconfiguration, not bad input: logged here, kept out of the answer. */
    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<ProblemDetail> failed(RuntimeException e, HttpServletRequest request) {
        log.error("Store query {} failed", request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, QUERY_FAILED, "Query failed",
                "The query failed on this instance; its log has the details.", request);
    }

    /** Spring's own bad-request cases (a limit that is not a number, a missing parameter) get our type and instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(statusCode.is4xxClientError() ? INVALID_QUERY : QUERY_FAILED);
            }
            if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
                problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
            }
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail,
                                                         HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).body(problem);
    }
}
