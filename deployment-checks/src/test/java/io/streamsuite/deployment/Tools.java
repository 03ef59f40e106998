package io.streamsuite.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command-line validators these checks run. A missing tool fails the check; it is never skipped. */
final class Tools {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Tools() {
    }

    static String require(String binary, String installHint) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        fail("'" + binary + "' is not on the PATH; these checks need it: " + installHint);
        return binary;
    }

    static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("deployment-check", ".out");
            Path err = Files.createTempFile("deployment-check", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(Repo.ROOT.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("timed out after 120 s: " + String.join(" ", command));
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command and returns its stdout; fails with its stderr when it exits non-zero. */
    static String runOrFail(List<String> command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.stderr());
        }
        return result.stdout();
    }

    static String kustomize(String dir) {
        String kubectl = require("kubectl", "install kubectl (1.27+; `kubectl kustomize` renders offline)");
        return runOrFail(List.of(kubectl, "kustomize", dir));
    }

    static String dockerCompose(String... args) {
        String binary = require("docker-compose",
                "apt-get install -y docker-compose (CI's .ci/run installs it; `config` needs no Docker engine)");
        List<String> command = new java.util.ArrayList<>(List.of(binary, "-f", "docker-compose.yml"));
        command.addAll(List.of(args));
        return runOrFail(command);
    }
}
