package io.streamsuite.benchmarks.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drills' short form in CI, each on a real broker (own JVM), the real registry and fraud-detector's Boot jar
 * (the recs and iot crash drills: their service's Boot jar, and a second broker for the uninterrupted run).
 * The assertions are the drills' own counts: lost, duplicated, dead letters, restarts, 5xx, outputs that differ.
 */
class FaultDrillsShortIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DATA = Path.of("target", "drills-short").toAbsolutePath();

    @BeforeAll
    static void classPathForChildJvms() {
        for (String module : List.of("fraud-detector", "recommendation-updater", "iot-monitor")) {
            assertThat(Files.isDirectory(REPO.resolve(module).resolve("target")))
                    .as(module + " is built (./mvnw install) before the drills run").isTrue();
        }
    }

    @Test
    void crashedInstanceLosesAndDuplicatesNothingAndAlertsMatchAnUninterruptedRun() {
        assertDrillPasses("crash", 0);
    }

    @Test
    void poisonAtLoadGoesToTheDeadLetterTopicWithProvenanceAndTheServiceNeverRestarts() {
        assertDrillPasses("poison", 20);
    }

    @Test
    void brokerRestartMidStreamRecoversWithoutActionAndLosesNothing() {
        assertDrillPasses("broker", 40);
    }

    @Test
    void registryOutageDeadLettersNothingAndProcessesEverythingAfter() {
        assertDrillPasses("registry", 60);
    }

    @Test
    void restFuzzGivesNoServerErrorsAndProblemBodiesForEveryClientError() {
        assertDrillPasses("fuzz", 80);
    }

    @Test
    void recommendationsConversionsAndRelatedItemsAfterTwoKillsEqualAnUninterruptedRun() {
        assertDrillPasses("recs-crash", 100);
    }

    @Test
    void alertsAndStatusesAfterTwoKillsEqualAnUninterruptedRunWithNoDuplicateTransition() {
        assertDrillPasses("iot-crash", 120);
    }

    private static void assertDrillPasses(String drill, int portOffset) {
        // Below Linux's ephemeral range (32768+), so no client socket can already hold a drill's port.
        List<DrillResult> results = FaultDrills.run(DrillSizes.quick(), List.of(drill), 7, REPO, DATA, 29300 + portOffset);
        DrillResult result = results.get(0);
        assertThat(result.failures()).as(result.toString()).isEmpty();
        assertThat(result.counts()).as("the drill counted what it checked").isNotEmpty();
    }
}
