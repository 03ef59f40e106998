package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories deleted, with everything in them, when the test JVM exits. State dirs, broker logs and
 * drill data reach gigabytes per run; left in /tmp they filled a developer's disk within a day. Deleting at exit,
 * not at the end of a test, keeps them for a child process killed mid-test and for a failure being looked at
 * while the JVM still runs.
 */
public final class ScratchDirs {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ScratchDirs::deleteAll, "scratch-dirs-cleanup"));
    }

    private ScratchDirs() {
    }

    /** A new empty directory under the system temp dir, named {@code prefix} plus a random suffix. */
    public static Path create(String prefix) {
        return createIn(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** A new empty directory under {@code parent} (e.g. {@code /dev/shm}), named {@code prefix} plus a random suffix. */
    public static Path createIn(Path parent, String prefix) {
        try {
            Path dir = Files.createTempDirectory(parent, prefix);
            synchronized (CREATED) {
                CREATED.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it; what cannot be deleted (a file still held open) stays. */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Best effort: a leftover file is no reason to fail a test run.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // The tree changed while walking it (a child process still writing): leave the rest.
        }
    }

    private static void deleteAll() {
        List<Path> dirs;
        synchronized (CREATED) {
            dirs = List.copyOf(CREATED);
        }
        dirs.forEach(ScratchDirs::deleteQuietly);
    }
}
