package io.streamsuite.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** How a request is named in an audit record. */
final class Audited {

    private Audited() {
    }

    /** The authenticated caller's name (a JWT's subject), or {@code anonymous}. */
    static String who() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
                ? "anonymous" : authentication.getName();
    }

    /** {@code METHOD path}, without the query string (it may hold data). */
    static String action(HttpServletRequest request) {
        return request.getMethod() + " " + path(request);
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
