package io.streamsuite.schemas.compatibility;

/**
 * One way a current schema breaks the rules.
 *
 * @param subject  the schema, as {@code <domain>/<Name>} (its path under the current and history roots)
 * @param version  the released version it breaks (e.g. {@code v1}), or {@code -} when no version is involved
 * @param level    the compatibility level declared for the subject
 * @param reason   what is wrong; for an incompatibility, the direction plus Avro's type and message
 * @param location the field path in the schema as Avro reports it (e.g. {@code /fields/11/type}), or {@code /}
 */
public record Violation(String subject, String version, CompatibilityLevel level, String reason, String location) {

    @Override
    public String toString() {
        return subject + " breaks " + version + " under " + level + ": " + reason + " at " + location;
    }
}
