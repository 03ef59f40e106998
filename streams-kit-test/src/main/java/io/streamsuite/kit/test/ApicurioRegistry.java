package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Apicurio Registry (in-memory storage, Confluent-compatible API) as a child process on a free port,
 * with Confluent's default compatibility (BACKWARD) instead of Apicurio's (NONE).
 */
final class ApicurioRegistry implements AutoCloseable {

    static final String ARCHIVE_PROPERTY = "streamsuite.apicurio.archive";
    static final String DEFAULT_VERSION = "3.3.3";
    static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    private static final Pattern ARCHIVE_NAME = Pattern.compile("apicurio-registry-app-(.+)-all\\.tar\\.gz");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;

    private final Path home;
    private final Path javaHome;
    private final Path logFile;
    private Process process;
    private int port;

    private ApicurioRegistry(Path home, Path javaHome, Path logFile) {
        this.home = home;
        this.javaHome = javaHome;
        this.logFile = logFile;
    }

    /** Unpacks (once per machine) and starts the registry without waiting for it; see {@link #awaitReady()}. */
    static ApicurioRegistry launch() {
        Path javaHome = RegistryJava.find();
        Path home = unpackOnce(archive());
        Path log = Path.of("target", "apicurio-registry.log").toAbsolutePath();
        ApicurioRegistry registry = new ApicurioRegistry(home, javaHome, log);
        registry.startProcess();
        return registry;
    }

    int port() {
        return port;
    }

    void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int attempt = 1; ; attempt++) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    break;
                }
                if (answers(http)) {
                    verifyDefaultCompatibility(http);
                    return;
                }
                sleep(200);
            }
            boolean died = !process.isAlive();
            stopProcess();
            if (!died || attempt >= START_ATTEMPTS) {
                throw new IllegalStateException("Apicurio Registry did not answer on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s (" + (died ? "process exited" : "timed out")
                        + "); see " + logFile + ":\n" + tail(logFile));
            }
            // Most likely another process took the free port between our probe and the bind: try another.
            startProcess();
        }
    }

    private void startProcess() {
        port = freePort();
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "# apicurio registry on port " + port + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    javaHome.resolve("bin").resolve("java").toString(),
                    "-Xmx512m",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dapicurio.rules.global.compatibility=BACKWARD",
                    "-jar", home.resolve("quarkus-run.jar").toString()))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Apicurio Registry with " + javaHome, e);
        }
    }

    private boolean answers(HttpClient http) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri("/subjects"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
        }
    }

    private void verifyDefaultCompatibility(HttpClient http) {
        try {
            String body = http.send(HttpRequest.newBuilder(baseUri("/config")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (!body.contains("\"BACKWARD\"")) {
                throw new IllegalStateException("Apicurio Registry did not take BACKWARD as its global compatibility: " + body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI baseUri(String path) {
        return URI.create("http://127.0.0.1:" + port + CONFLUENT_API_PATH + path);
    }

    @Override
    public void close() {
        stopProcess();
    }

    private void stopProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path archive() {
        String configured = System.getProperty(ARCHIVE_PROPERTY);
        Path archive = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "apicurio", "apicurio-registry-app",
                        DEFAULT_VERSION, "apicurio-registry-app-" + DEFAULT_VERSION + "-all.tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Apicurio Registry archive not found at " + archive + ". Build streams-kit-test "
                    + "first (it fetches io.apicurio:apicurio-registry-app:tar.gz:all into the local repository), or set -D"
                    + ARCHIVE_PROPERTY + "=/path/to/apicurio-registry-app-<version>-all.tar.gz");
        }
        return archive;
    }

    /** Unpacks into a per-version cache dir; a file lock and a marker file make parallel and repeated runs safe. */
    static Path unpackOnce(Path archive) {
        Matcher name = ARCHIVE_NAME.matcher(archive.getFileName().toString());
        String version = name.matches() ? name.group(1) : Integer.toHexString(archive.toString().hashCode());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path home = tmp.resolve("streamsuite-apicurio-" + version);
        Path marker = home.resolve(".unpacked");
        if (Files.exists(marker)) {
            return home;
        }
        Path lockFile = tmp.resolve("streamsuite-apicurio-" + version + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(marker)) {
                return home;
            }
            deleteRecursively(home);
            Files.createDirectories(home);
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", home.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0 || !Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException("Could not unpack " + archive + " into " + home + ": " + output);
            }
            Files.writeString(marker, archive.toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
        }
    }
}
