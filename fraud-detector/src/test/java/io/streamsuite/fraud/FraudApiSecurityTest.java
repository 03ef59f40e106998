package io.streamsuite.fraud;

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

/** Every operation of fraud-detector's OpenAPI document: 401 without a token, 403 without its scope, handled with it. */
@WithKafkaStack
class FraudApiSecurityTest {

    private static AppInstance fraud;

    @BeforeAll
    static void start() {
        KafkaStack.createTopics(3, FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS);
        fraud = FraudInstance.start(Map.of());
        fraud.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (fraud != null) {
            fraud.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesMissingAndWrongTokensAndAcceptsItsScope() {
        return ApiSecurityContract.dynamicTests(fraud);
    }
}
