package io.streamsuite.localstack;

import java.nio.file.Path;

/** The java binary of the running JVM: children run on the same JDK as the launcher. */
final class Java {

    private Java() {
    }

    static String binary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }
}
