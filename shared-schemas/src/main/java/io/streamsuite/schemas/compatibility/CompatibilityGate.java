package io.streamsuite.schemas.compatibility;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks every current schema against all its released versions with Avro's own reader/writer checker.
 *
 * <p>Layout: {@code currentRoot/<domain>/<Name>.avsc}; {@code historyRoot/<domain>/<Name>/v1.avsc, v2.avsc, ...};
 * levels in {@code historyRoot/compatibility.properties} ({@code default=...} plus {@code <domain>/<Name>=...}).
 * Every file must be self-contained (named types inlined), as a registry stores it.
 */
public final class CompatibilityGate {

    static final String LEVELS_FILE = "compatibility.properties";
    private static final String DEFAULT_KEY = "default";
    private static final CompatibilityLevel FALLBACK_LEVEL = CompatibilityLevel.BACKWARD_TRANSITIVE;
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private CompatibilityGate() {
    }

    /** Returns every violation found; an empty list means the schemas may be released. */
    public static List<Violation> check(Path historyRoot, Path currentRoot) {
        Map<String, Path> current = currentSchemas(currentRoot);
        Map<String, Path> histories = historyDirectories(historyRoot);
        List<Violation> violations = new ArrayList<>();
        Levels levels = Levels.read(historyRoot.resolve(LEVELS_FILE), current.keySet(), violations);

        for (Map.Entry<String, Path> entry : current.entrySet()) {
            String subject = entry.getKey();
            CompatibilityLevel level = levels.of(subject);
            Schema schema;
            try {
                schema = parse(entry.getValue());
            } catch (RuntimeException e) {
                violations.add(new Violation(subject, "-", level, "current schema does not parse: " + e.getMessage(), "/"));
                continue;
            }
            Path historyDir = histories.get(subject);
            if (historyDir == null) {
                violations.add(new Violation(subject, "-", level,
                        "no released version: add " + historyRoot.relativize(historyRoot.resolve(subject).resolve("v1.avsc")), "/"));
                continue;
            }
            checkAgainstHistory(subject, schema, level, historyDir, violations);
        }
        for (String subject : histories.keySet()) {
            if (!current.containsKey(subject)) {
                violations.add(new Violation(subject, "-", levels.of(subject),
                        "released schema has no current schema: consumers of its topic would lose it", "/"));
            }
        }
        return violations;
    }

    private static void checkAgainstHistory(String subject, Schema current, CompatibilityLevel level, Path historyDir,
                                            List<Violation> violations) {
        TreeMap<Integer, Path> versions = versions(historyDir);
        if (versions.isEmpty()) {
            violations.add(new Violation(subject, "-", level, "history folder holds no v<N>.avsc file", "/"));
            return;
        }
        for (int n = 1; n <= versions.lastKey(); n++) {
            if (!versions.containsKey(n)) {
                violations.add(new Violation(subject, "v" + n, level, "released version is missing from the history", "/"));
            }
        }
        for (Map.Entry<Integer, Path> released : versions.entrySet()) {
            String version = "v" + released.getKey();
            Schema old;
            try {
                old = parse(released.getValue());
            } catch (RuntimeException e) {
                violations.add(new Violation(subject, version, level, "released version does not parse: " + e.getMessage(), "/"));
                continue;
            }
            if (!old.getFullName().equals(current.getFullName())) {
                violations.add(new Violation(subject, version, level,
                        "full name changed from " + old.getFullName() + " to " + current.getFullName(), "/name"));
            }
            if (level.checksBackward()) {
                compare(subject, version, level, "BACKWARD (current reads " + version + " data)", current, old, violations);
            }
            if (level.checksForward()) {
                compare(subject, version, level, "FORWARD (" + version + " reads current data)", old, current, violations);
            }
        }
    }

    private static void compare(String subject, String version, CompatibilityLevel level, String direction,
                                Schema reader, Schema writer, List<Violation> violations) {
        List<Incompatibility> found = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities();
        for (Incompatibility incompatibility : found) {
            violations.add(new Violation(subject, version, level,
                    direction + ": " + incompatibility.getType() + ": " + incompatibility.getMessage(),
                    incompatibility.getLocation()));
        }
    }

    private static Schema parse(Path file) {
        // A fresh parser per file: each released version must stand on its own, as in a registry.
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Path> currentSchemas(Path currentRoot) {
        Map<String, Path> subjects = new TreeMap<>();
        for (Path file : walk(currentRoot)) {
            String relative = currentRoot.relativize(file).toString().replace('\\', '/');
            if (relative.endsWith(".avsc")) {
                subjects.put(relative.substring(0, relative.length() - ".avsc".length()), file);
            }
        }
        return subjects;
    }

    private static Map<String, Path> historyDirectories(Path historyRoot) {
        Map<String, Path> subjects = new TreeMap<>();
        for (Path file : walk(historyRoot)) {
            if (file.getFileName().toString().endsWith(".avsc")) {
                Path dir = file.getParent();
                subjects.put(historyRoot.relativize(dir).toString().replace('\\', '/'), dir);
            }
        }
        return subjects;
    }

    private static TreeMap<Integer, Path> versions(Path historyDir) {
        TreeMap<Integer, Path> versions = new TreeMap<>();
        try (Stream<Path> files = Files.list(historyDir)) {
            files.forEach(file -> {
                Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    versions.put(Integer.parseInt(m.group(1)), file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private static List<Path> walk(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a directory: " + root.toAbsolutePath());
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The declared level per subject; a typo in the file is itself a violation, not a silent default. */
    private record Levels(CompatibilityLevel fallback, Map<String, CompatibilityLevel> bySubject) {

        CompatibilityLevel of(String subject) {
            return bySubject.getOrDefault(subject, fallback);
        }

        static Levels read(Path file, Set<String> knownSubjects, List<Violation> violations) {
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            CompatibilityLevel fallback = FALLBACK_LEVEL;
            Map<String, CompatibilityLevel> bySubject = new TreeMap<>();
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                String value = properties.getProperty(key).trim();
                CompatibilityLevel level;
                try {
                    level = CompatibilityLevel.valueOf(value);
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation(key, "-", FALLBACK_LEVEL,
                            LEVELS_FILE + " names unknown level '" + value + "'", "/"));
                    continue;
                }
                if (key.equals(DEFAULT_KEY)) {
                    fallback = level;
                } else if (!knownSubjects.contains(key)) {
                    violations.add(new Violation(key, "-", level, LEVELS_FILE + " names a subject with no current schema", "/"));
                } else {
                    bySubject.put(key, level);
                }
            }
            return new Levels(fallback, bySubject);
        }
    }
}
