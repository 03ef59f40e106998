package io.streamsuite.iot;

import io.streamsuite.kit.test.ApiSecurityContract;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every operation of iot-monitor's OpenAPI document: 401 without a token, 403 without its scope, handled with it. */
@WithKafkaStack
class IotApiSecurityTest {

    private static AppInstance iot;

    @BeforeAll
    static void start() {
        KafkaStack.createTopics(3, IotTopics.READINGS, IotTopics.REGISTRATIONS);
        iot = AppInstance.start(IotMonitorApplication.class, KafkaStack.uniqueName(IotTopics.APPLICATION_ID), Map.of());
        iot.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (iot != null) {
            iot.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesMissingAndWrongTokensAndAcceptsItsScope() {
        return ApiSecurityContract.dynamicTests(iot);
    }
}
