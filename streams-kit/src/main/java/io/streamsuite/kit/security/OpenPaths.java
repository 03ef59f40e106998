package io.streamsuite.kit.security;

import java.util.List;

/**
 * Paths a kit package serves without a token, declared as a bean beside the package's own
 * configuration (e.g. a static page whose data calls still need a token):
 * {@code @Bean OpenPaths dashboardPage() { return new OpenPaths(List.of("/", "/dashboard/**")); }}.
 * They are matched before every other rule, so never name an {@code /api/} path here.
 */
public record OpenPaths(List<String> patterns) {

    public OpenPaths {
        patterns = List.copyOf(patterns);
        if (patterns.stream().anyMatch(p -> p.startsWith("/api/") || p.equals("/api") || p.equals("/**"))) {
            throw new IllegalArgumentException("API routes always need a token; not open: " + patterns);
        }
    }
}
