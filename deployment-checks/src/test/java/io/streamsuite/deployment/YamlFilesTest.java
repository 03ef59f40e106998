package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

class YamlFilesTest {

    @Test
    void everyDeploymentYamlFileParsesStrictlyWithoutDuplicateKeys() {
        List<Path> files = new ArrayList<>();
        files.add(Repo.path("docker-compose.yml"));
        files.addAll(Repo.filesUnder(Repo.path("k8s"), ".yaml", ".yml"));
        files.addAll(Repo.filesUnder(Repo.path("deploy"), ".yaml", ".yml"));
        LoaderOptions strict = new LoaderOptions();
        strict.setAllowDuplicateKeys(false);

        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            try {
                int documents = 0;
                for (Object document : new Yaml(strict).loadAll(Repo.read(file))) {
                    documents += document == null ? 0 : 1;
                }
                assertThat(documents).as("documents in %s", file).isPositive();
            } catch (RuntimeException e) {
                fail(Repo.ROOT.relativize(file) + " is not strict YAML: " + e.getMessage());
            }
        }
    }
}
