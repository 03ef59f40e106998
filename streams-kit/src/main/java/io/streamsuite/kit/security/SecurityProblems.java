package io.streamsuite.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem details (with the standard {@code WWW-Authenticate: Bearer} header),
 * each one audited. The detail says what to send, never why a signature check failed inside.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final URI UNAUTHORIZED = URI.create("urn:streams-kit:problem:unauthorized");
    static final URI FORBIDDEN = URI.create("urn:streams-kit:problem:forbidden");

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final AccessRules rules;
    private final SecurityProperties properties;
    private final AuditLog audit;
    private final String application;

    SecurityProblems(AccessRules rules, SecurityProperties properties, AuditLog audit, String application) {
        this.rules = rules;
        this.properties = properties;
        this.audit = audit;
        this.application = application;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearerEntryPoint.commence(request, response, failure);
        boolean tokenSent = request.getHeader(CallerToken.HEADER) != null;
        String detail = !tokenSent
                ? "this request needs a bearer token: Authorization: Bearer <token>"
                : String.valueOf(failure.getMessage()).toLowerCase().contains("expired")
                        ? "the bearer token has expired"
                        : "the bearer token was not accepted (malformed, wrong signature, or claims not valid here)";
        audit.record(new AuditRecord(Instant.now(), application, "anonymous", Audited.action(request),
                AuditRecord.DENIED, 401, detail, Map.of()));
        write(response, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, detail, request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerDenied.handle(request, response, denied);
        String detail = rules.scopeOf(Audited.path(request), properties)
                .map(scope -> "this request needs a token with the scope '" + scope + "'")
                .orElse("this token may not make this request");
        audit.record(new AuditRecord(Instant.now(), application, Audited.who(), Audited.action(request),
                AuditRecord.DENIED, 403, detail, Map.of()));
        write(response, HttpStatus.FORBIDDEN, FORBIDDEN, detail, request);
    }

    private void write(HttpServletResponse response, HttpStatus status, URI type, String detail, HttpServletRequest request)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", Audited.path(request));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(mapper.writeValueAsBytes(problem));
    }
}
