package io.streamsuite.kit.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what on the main port, declared once: the filter chain enforces these rules and the
 * OpenAPI document states them per operation, so the generated security test knows what to expect.
 * First match wins; anything unmatched needs a valid token of any scope.
 */
public final class AccessRules {

    /** What a request needs. */
    public enum Access { OPEN, READ, OPERATE, AUTHENTICATED }

    public record Rule(String pattern, Access access) {
        PathPattern parsed() {
            return PathPatternParser.defaultInstance.parse(pattern);
        }
    }

    private final List<Rule> rules;

    private AccessRules(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * Probes stay open for the kubelet; the API description is open (it holds no data, and Swagger UI
     * must load it before the user can paste a token); dead letters show payload previews and replay
     * writes to input topics, so both need the operate scope; every other API route needs read.
     */
    public static AccessRules kitDefaults() {
        return withOpen(List.of());
    }

    /** The kit's rules, with these patterns (from {@link OpenPaths} beans) open before all others. */
    public static AccessRules withOpen(List<String> openPatterns) {
        List<Rule> rules = new ArrayList<>();
        openPatterns.forEach(pattern -> rules.add(new Rule(pattern, Access.OPEN)));
        rules.addAll(List.of(
                new Rule("/livez", Access.OPEN),
                new Rule("/readyz", Access.OPEN),
                new Rule("/error", Access.OPEN),
                new Rule("/v3/api-docs", Access.OPEN),
                new Rule("/v3/api-docs/**", Access.OPEN),
                new Rule("/swagger-ui.html", Access.OPEN),
                new Rule("/swagger-ui/**", Access.OPEN),
                new Rule("/api/dead-letters", Access.OPERATE),
                new Rule("/api/dead-letters/**", Access.OPERATE),
                new Rule("/api/**", Access.READ)));
        return new AccessRules(List.copyOf(rules));
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The access a path (an OpenAPI path template counts its {@code {variables}} as plain segments) needs. */
    public Access accessOf(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return rules.stream().filter(rule -> rule.parsed().matches(container)).map(Rule::access).findFirst()
                .orElse(Access.AUTHENTICATED);
    }

    /** The scope a path needs, if any. */
    public Optional<String> scopeOf(String path, SecurityProperties properties) {
        return switch (accessOf(path)) {
            case READ -> Optional.of(properties.getReadScope());
            case OPERATE -> Optional.of(properties.getOperateScope());
            case OPEN, AUTHENTICATED -> Optional.empty();
        };
    }
}
