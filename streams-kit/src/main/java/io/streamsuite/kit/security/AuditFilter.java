package io.streamsuite.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits every authorized request that may change state (any method but GET, HEAD, OPTIONS) once it
 * is answered: who, what, when, the status, and the details a handler left in {@link #DETAILS}.
 * Refused requests are audited by {@link SecurityProblems}.
 */
final class AuditFilter extends OncePerRequestFilter {

    /** Request attribute (a {@code Map<String, Object>}) a handler fills with what the act did. */
    static final String DETAILS = AuditFilter.class.getName() + ".details";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditLog audit;
    private final String application;

    AuditFilter(AuditLog audit, String application) {
        this.audit = audit;
        this.application = application;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String who = Audited.who();
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            write(request, who, 500, "the request failed before it was answered");
            throw e;
        }
        write(request, who, response.getStatus(), null);
    }

    @SuppressWarnings("unchecked")
    private void write(HttpServletRequest request, String who, int status, String reason) {
        Object details = request.getAttribute(DETAILS);
        audit.record(new AuditRecord(Instant.now(), application, who, Audited.action(request),
                status < 400 ? AuditRecord.OK : AuditRecord.FAILED, status, reason,
                details instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of()));
    }
}
