package io.streamsuite.kit.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The bearer token of the request this thread is serving, so a query forwarded to the owning instance
 * carries the caller's own token and is checked again there; there is no instance-to-instance trust.
 */
public final class CallerToken {

    public static final String HEADER = "Authorization";

    private CallerToken() {
    }

    /** {@code Bearer <token>} of the current caller, empty outside an authenticated request. */
    public static Optional<String> authorization() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
            return Optional.of("Bearer " + token.getToken().getTokenValue());
        }
        return Optional.empty();
    }
}
