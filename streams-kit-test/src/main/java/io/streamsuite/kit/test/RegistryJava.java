package io.streamsuite.kit.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK that can run Apicurio Registry 3.x, which needs Java 21 or newer; our own tests may run on 17. */
final class RegistryJava {

    static final int MIN_FEATURE = 21;
    static final String ENV_REGISTRY_JAVA_HOME = "REGISTRY_JAVA_HOME";
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)");
    private static final List<Path> JVM_DIRS = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"),
            Path.of("/Library/Java/JavaVirtualMachines"));

    private RegistryJava() {
    }

    static Path find() {
        String explicit = System.getenv(ENV_REGISTRY_JAVA_HOME);
        if (explicit != null && !explicit.isBlank()) {
            Path home = Path.of(explicit);
            int feature = featureVersion(home).orElse(-1);
            if (feature < MIN_FEATURE || !hasJava(home)) {
                throw new IllegalStateException(ENV_REGISTRY_JAVA_HOME + "=" + explicit + " is not a JDK " + MIN_FEATURE
                        + "+ (found version " + (feature < 0 ? "unknown" : feature) + ")");
            }
            return home;
        }
        List<Path> candidates = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            candidates.add(Path.of(javaHome));
        }
        if (Runtime.version().feature() >= MIN_FEATURE) {
            candidates.add(Path.of(System.getProperty("java.home")));
        }
        for (Path home : candidates) {
            if (hasJava(home) && featureVersion(home).orElse(-1) >= MIN_FEATURE) {
                return home;
            }
        }
        return scanInstalled().orElseThrow(() -> new IllegalStateException(
                "Apicurio Registry needs a Java " + MIN_FEATURE + "+ runtime and none was found (looked at $"
                        + ENV_REGISTRY_JAVA_HOME + ", $JAVA_HOME, the running JVM and " + JVM_DIRS + "). Install one "
                        + "(e.g. Temurin 25 or `apt-get install openjdk-21-jdk-headless`) or point "
                        + ENV_REGISTRY_JAVA_HOME + " at it; or set KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL "
                        + "to test against an external stack."));
    }

    private static Optional<Path> scanInstalled() {
        List<Path> homes = new ArrayList<>();
        for (Path dir : JVM_DIRS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                children.forEach(child -> {
                    homes.add(child);
                    homes.add(child.resolve("Contents").resolve("Home"));
                });
            } catch (IOException ignored) {
                // An unreadable directory just holds no candidates.
            }
        }
        return homes.stream()
                .filter(RegistryJava::hasJava)
                .filter(home -> featureVersion(home).orElse(-1) >= MIN_FEATURE)
                .max(Comparator.comparingInt((Path home) -> featureVersion(home).orElse(-1)));
    }

    private static boolean hasJava(Path home) {
        return Files.isExecutable(home.resolve("bin").resolve("java"));
    }

    static Optional<Integer> featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            if (!m.find()) {
                return Optional.empty();
            }
            int major = Integer.parseInt(m.group(1));
            return Optional.of(major == 1 ? 8 : major);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
