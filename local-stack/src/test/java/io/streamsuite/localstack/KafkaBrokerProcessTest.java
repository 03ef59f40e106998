package io.streamsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.test.ScratchDirs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The broker the local stack, benchmarks and drills use: its own JVM, data kept across a restart. */
class KafkaBrokerProcessTest {

    @Test
    void startsInItsOwnProcessAndKeepsTopicsAcrossARestart() throws Exception {
        Path data = ScratchDirs.create("broker-test");
        try (KafkaBrokerProcess broker = new KafkaBrokerProcess(data, freePort(), freePort(), "512m").start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            assertThat(broker.isAlive()).isTrue();

            broker.stop();
            assertThat(broker.isAlive()).isFalse();
            broker.start();

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            }
            assertThat(data.resolve("broker.log")).exists();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
