package io.streamsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void defaultsWorkOnAFreshMachine() {
        LocalStackOptions options = LocalStackOptions.parse(new String[0]);

        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.registryPort()).isEqualTo(8081);
        assertThat(options.servicePort()).isEqualTo(8080);
        assertThat(options.simulatorRate()).isEqualTo(20);
        assertThat(options.dataDir().getFileName()).hasToString(".local-stack");
    }

    @Test
    void optionsOverrideDefaults() {
        LocalStackOptions options = LocalStackOptions.parse(new String[] {"--kafka-port=19092", "--rate=0", "--seed=7"});

        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.simulatorRate()).isZero();
        assertThat(options.seed()).isEqualTo(7);
    }

    @Test
    void rejectsBadPortWithTheOptionNamed() {
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--kafka-port=70000"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-port").hasMessageContaining("70000");
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--registry-port=abc"}))
                .hasMessageContaining("--registry-port must be a number");
    }

    @Test
    void rejectsUnknownOption() {
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--colour=blue"}))
                .hasMessage("unknown option --colour");
    }

    @Test
    void namesATakenPortAndWhatNeedsIt() throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress("localhost", 0));
            int port = holder.getLocalPort();

            assertThat(Ports.taken(Map.of(port, "Kafka broker (--kafka-port)")))
                    .containsExactly("port " + port + " for the Kafka broker (--kafka-port) is already in use");
        }
    }
}
