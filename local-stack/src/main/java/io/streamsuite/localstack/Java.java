package io.streamsuite.localstack;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The java binary of the running JVM: children run on the same JDK as the launcher. */
public final class Java {

    private Java() {
    }

    public static String binary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Absolute, so a child started in another working directory still finds every entry. */
    public static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
