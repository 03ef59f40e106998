package io.streamsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorOptionsTest {

    private static final String BOOT = "--bootstrap-servers=localhost:9092";
    private static final String REG = "--schema-registry-url=http://localhost:8081/apis/ccompat/v7";

    @Test
    void parsesEveryOptionIntoTypedValues() {
        SimulatorOptions o = SimulatorOptions.parse(BOOT, REG, "--domains=payments,iot", "--rate=250.5",
                "--duration=90s", "--seed=7", "--late-share=0.02", "--out-of-order-share=0.05", "--poison-share=0.01",
                "--fraud-share=0.1", "--partitions=6", "--replication-factor=3", "--max-in-flight=100",
                "--ids-file=/tmp/ids.txt", "--start=now", "--population=500", "--progress-interval=2s", "--no-create-topics", "--real-time");
        assertThat(o.domains()).containsExactly("payments", "iot");
        assertThat(o.rate()).isEqualTo(250.5);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.count()).isNull();
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.poisonShare()).isEqualTo(0.01);
        assertThat(o.fraudShare()).isEqualTo(0.1);
        assertThat(o.partitions()).isEqualTo(6);
        assertThat(o.replicationFactor()).isEqualTo((short) 3);
        assertThat(o.maxInFlight()).isEqualTo(100);
        assertThat(o.idsFile()).isEqualTo(Path.of("/tmp/ids.txt"));
        assertThat(o.start()).isNull();
        assertThat(o.createTopics()).isFalse();
        assertThat(o.realTime()).isTrue();
    }

    @Test
    void defaultsAreAModestCleanRunOfAllDomains() {
        SimulatorOptions o = SimulatorOptions.parse(BOOT, REG, "--count=1000");
        assertThat(o.domains()).containsExactly("payments", "web", "shop", "iot");
        assertThat(o.rate()).isEqualTo(200);
        assertThat(o.count()).isEqualTo(1000L);
        assertThat(o.partitions()).isEqualTo(3);
        assertThat(o.poisonShare()).isZero();
        assertThat(o.createTopics()).isTrue();
        assertThat(o.realTime()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--rate=fast|--rate: 'fast' is not a number",
        "--rate=-5|--rate: -5 is out of range",
        "--duration=soon|--duration: 'soon' is not a positive duration",
        "--count=0|--count: 0 is out of range",
        "--poison-share=1.5|--poison-share: '1.5' is not a share between 0 and 1",
        "--domains=payments,crypto|--domains: unknown domain 'crypto'",
        "--colour=blue|unknown option --colour",
        "--start=yesterday|--start: 'yesterday' is neither 'now' nor an ISO-8601 instant",
        "stray|unexpected argument 'stray'",
    })
    void badValuesAreNamedClearly(String arg, String message) {
        assertThatThrownBy(() -> SimulatorOptions.parse(BOOT, REG, arg))
                .isInstanceOf(BadOptionsException.class).hasMessageStartingWith(message);
    }

    @Test
    void missingRequiredAndConflictingOptionsAreRefused() {
        assertThatThrownBy(() -> SimulatorOptions.parse(REG)).hasMessage("--bootstrap-servers is required");
        assertThatThrownBy(() -> SimulatorOptions.parse(BOOT, REG, "--count=5", "--duration=5s"))
                .hasMessage("give --duration or --count, not both");
        assertThatThrownBy(() -> SimulatorOptions.parse(BOOT, REG, "--seed=1", "--seed=2")).hasMessage("--seed given twice");
    }

    @Test
    void theCommandLineSaysWhatIsWrongWithExitCode2AndNoStackTrace() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EventSimulator.execute(new String[] {BOOT, REG, "--rate=fast"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("event-simulator: --rate: 'fast' is not a number")
                .contains("usage: event-simulator");
    }

    @Test
    void theRealProcessExitsWith2OnBadArguments() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                EventSimulator.class.getName(), "--count=ten")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--bootstrap-servers is required").contains("usage: event-simulator")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
