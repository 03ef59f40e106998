package io.streamsuite.kit.security;

import java.time.Instant;
import java.util.Map;

/**
 * One audited act: who (the token's subject, or {@code anonymous}), what ({@code METHOD path}), when,
 * and its outcome ({@code OK}, {@code FAILED}, {@code DENIED}) with the HTTP status; details hold the
 * act's own facts (a replay's entries and results), never a payload.
 */
public record AuditRecord(Instant at, String application, String who, String action, String outcome, int status,
                          String reason, Map<String, Object> details) {

    public static final String OK = "OK";
    public static final String FAILED = "FAILED";
    public static final String DENIED = "DENIED";
}
