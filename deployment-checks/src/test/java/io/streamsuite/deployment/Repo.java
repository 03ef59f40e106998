package io.streamsuite.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository this module sits in, and what its other modules declare. */
final class Repo {

    static final Path ROOT = findRoot();

    private static final Pattern KAFKA_VERSION = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>");

    private Repo() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("deployment-checks"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (with mvnw and deployment-checks/) above " + dir);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every module folder of the root pom (a folder with its own pom.xml). */
    static List<Path> modules() {
        try (Stream<Path> children = Files.list(ROOT)) {
            return children.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service module a deployment names; its absence is a deployment of something that is not there. */
    static Path module(String name) {
        Path dir = path(name);
        if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            fail("'" + name + "' is deployed but there is no module " + dir + " (merge its branch first, or remove it"
                    + " from docker-compose.yml and k8s/)");
        }
        return dir;
    }

    static String kafkaVersion() {
        Matcher m = KAFKA_VERSION.matcher(read(path("pom.xml")));
        if (!m.find()) {
            fail("root pom.xml declares no <kafka.version>");
        }
        return m.group(1).trim();
    }

    static List<Path> filesUnder(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> out = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
