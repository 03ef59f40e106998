package io.streamsuite.kit.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/**
 * A registry in memory, for tests without a server ({@code TopologyTestDriver}): configure
 * {@code schema.registry.url=mock://<scope>} and every serde of the JVM with that scope shares one registry.
 * Same rules as a real one: ids are global and shared by equal schemas, BACKWARD compatibility by default.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> compatibilityBySubject = new HashMap<>();
    private CompatibilityLevel defaultCompatibility = CompatibilityLevel.BACKWARD;

    /** The registry of a {@code mock://} scope, created on first use. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
    }

    /** Forgets a scope, so the next test using it starts from an empty registry. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = idsBySchema.get(schema);
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        checkCompatible(subject, schema, versions);
        int id = existing != null ? existing : schemasById.size() + 1;
        idsBySchema.put(schema, id);
        schemasById.put(id, schema);
        versions.add(id);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        Integer id = idsBySchema.get(schema);
        if (id == null || !versionsBySubject.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaNotFoundException("Schema not registered under subject '" + subject + "'", 40403);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema " + id + " not found", 40403);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found", 40401);
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        try {
            checkCompatible(subject, schema, versionsBySubject.getOrDefault(subject, List.of()));
            return true;
        } catch (IncompatibleSchemaException e) {
            return false;
        }
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        compatibilityBySubject.put(subject, level);
    }

    private void checkCompatible(String subject, Schema schema, List<Integer> versions) {
        if (versions.isEmpty()) {
            return;
        }
        CompatibilityLevel level = compatibilityBySubject.getOrDefault(subject, defaultCompatibility);
        SchemaValidator validator = validator(level);
        if (validator == null) {
            return;
        }
        List<Schema> newestFirst = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            newestFirst.add(schemasById.get(versions.get(i)));
        }
        try {
            validator.validate(schema, newestFirst);
        } catch (SchemaValidationException e) {
            throw new IncompatibleSchemaException(subject, "Schema is incompatible with subject '" + subject + "' under "
                    + level + ": " + e.getMessage());
        }
    }

    private static SchemaValidator validator(CompatibilityLevel level) {
        return switch (level) {
            case NONE -> null;
            case BACKWARD -> new SchemaValidatorBuilder().canReadStrategy().validateLatest();
            case BACKWARD_TRANSITIVE -> new SchemaValidatorBuilder().canReadStrategy().validateAll();
            case FORWARD -> new SchemaValidatorBuilder().canBeReadStrategy().validateLatest();
            case FORWARD_TRANSITIVE -> new SchemaValidatorBuilder().canBeReadStrategy().validateAll();
            case FULL -> new SchemaValidatorBuilder().mutualReadStrategy().validateLatest();
            case FULL_TRANSITIVE -> new SchemaValidatorBuilder().mutualReadStrategy().validateAll();
        };
    }
}
