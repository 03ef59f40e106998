package io.streamsuite.kit.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryJavaTest {

    @Test
    void findsAJavaRuntimeOfAtLeast21ForTheRegistry() {
        Path home = RegistryJava.find();

        assertThat(RegistryJava.featureVersion(home)).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(21));
        assertThat(home.resolve("bin/java")).isExecutable();
    }

    @Test
    void readsTheFeatureVersionFromTheReleaseFile(@TempDir Path jdk) throws Exception {
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21.0.4\"\n");

        assertThat(RegistryJava.featureVersion(jdk)).contains(21);
    }

    @Test
    void unpacksTheRegistryArchiveOnlyOnceAndReusesTheCache() throws Exception {
        Path home = ApicurioRegistry.unpackOnce(ApicurioRegistry.archive());
        long markerTime = Files.getLastModifiedTime(home.resolve(".unpacked")).toMillis();

        Path again = ApicurioRegistry.unpackOnce(ApicurioRegistry.archive());

        assertThat(again).isEqualTo(home);
        assertThat(home.resolve("quarkus-run.jar")).isRegularFile();
        assertThat(Files.getLastModifiedTime(again.resolve(".unpacked")).toMillis()).isEqualTo(markerTime);
    }
}
