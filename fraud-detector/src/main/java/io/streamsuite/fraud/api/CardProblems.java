package io.streamsuite.fraud.api;

import io.streamsuite.fraud.card.CardToken;
import io.streamsuite.kit.query.StoreQueryProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The kit's problem answers for {@link CardController}, with the card number in the problem's
 * {@code instance} masked: the kit echoes the request path, which here holds the full number.
 */
@RestControllerAdvice(assignableTypes = CardController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CardProblems {

    private static final Pattern CARD_IN_PATH = Pattern.compile("(/api/cards/)([^/]*)");

    private final StoreQueryProblemHandler kit = new StoreQueryProblemHandler();

    @ExceptionHandler(Exception.class)
    public ResponseEntity<?> masked(Exception e, HttpServletRequest request) throws Exception {
        ResponseEntity<?> answer = delegate(e, request);
        if (answer.getBody() instanceof ProblemDetail problem) {
            problem.setInstance(URI.create(mask(request.getRequestURI())));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(answer.getHeaders());
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
    }

    /** The card id segment of a path, reduced to its last four characters. */
    static String mask(String path) {
        Matcher matcher = CARD_IN_PATH.matcher(path);
        if (!matcher.find()) {
            return path;
        }
        String id = matcher.group(2);
        String shown = id.length() <= 4 ? "****" : "****" + CardToken.last4(id);
        return path.substring(0, matcher.start(2)) + shown + path.substring(matcher.end(2));
    }

    private ResponseEntity<?> delegate(Exception e, HttpServletRequest request) throws Exception {
        HttpServletRequest masked = new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return mask(super.getRequestURI());
            }
        };
        if (e instanceof io.streamsuite.kit.query.InvalidQueryException invalid) {
            return kit.invalidQuery(invalid, masked);
        }
        if (e instanceof io.streamsuite.kit.query.KeyNotFoundException notFound) {
            return kit.keyNotFound(notFound, masked);
        }
        if (e instanceof io.streamsuite.kit.query.UnknownStoreException unknown) {
            return kit.unknownStore(unknown, masked);
        }
        if (e instanceof io.streamsuite.kit.query.StoreUnavailableException unavailable) {
            return kit.unavailable(unavailable, masked);
        }
        if (e instanceof RuntimeException failure) {
            return kit.failed(failure, masked);
        }
        ResponseEntity<Object> spring = kit.handleException(e, new org.springframework.web.context.request.ServletWebRequest(masked));
        if (spring == null) {
            throw e;
        }
        return spring;
    }
}
