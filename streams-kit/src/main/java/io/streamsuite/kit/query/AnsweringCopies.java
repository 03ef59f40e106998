package io.streamsuite.kit.query;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The copies that answered the current HTTP request, kept as a request attribute so every controller
 * calling {@link StoreQueryService} (the kit's and a service's own) answers with the copy headers,
 * written by {@link AnsweringCopyHeaders}. Outside a request (a test, a scheduled job) nothing is kept.
 */
final class AnsweringCopies {

    private static final String ATTRIBUTE = AnsweringCopies.class.getName();

    private AnsweringCopies() {
    }

    static void record(AnsweringCopy copy) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null || copy == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<AnsweringCopy> copies = (List<AnsweringCopy>) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (copies == null) {
            copies = new ArrayList<>();
            attributes.setAttribute(ATTRIBUTE, copies, RequestAttributes.SCOPE_REQUEST);
        }
        copies.add(copy);
    }

    /** The copies recorded for this request, combined; null when none answered. */
    @SuppressWarnings("unchecked")
    static AnsweringCopy of(HttpServletRequest request) {
        List<AnsweringCopy> copies = (List<AnsweringCopy>) request.getAttribute(ATTRIBUTE);
        return copies == null || copies.isEmpty() ? null : AnsweringCopy.combine(copies);
    }

    /** The caller's max-lag header or parameter, or the default. A malformed bound is a 400. */
    static long maxLag(QueryProperties properties) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return properties.getMaxLag();
        }
        HttpServletRequest request = servlet.getRequest();
        String text = request.getHeader(QueryHeaders.MAX_LAG);
        if (text == null) {
            text = request.getParameter(QueryHeaders.MAX_LAG_PARAMETER);
        }
        if (text == null || text.isBlank()) {
            return properties.getMaxLag();
        }
        try {
            long maxLag = Long.parseLong(text.trim());
            if (maxLag >= 0) {
                return maxLag;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException("max-lag must be a whole number of offsets, 0 or more");
    }
}
