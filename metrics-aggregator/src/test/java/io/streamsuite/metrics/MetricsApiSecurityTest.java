package io.streamsuite.metrics;

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

/** Every operation of metrics-aggregator's OpenAPI document: 401 without a token, 403 without its scope, handled with it. */
@WithKafkaStack
class MetricsApiSecurityTest {

    private static AppInstance metrics;

    @BeforeAll
    static void start() {
        KafkaStack.createTopics(3, MetricsTopics.PAGE_VIEWS);
        metrics = MetricsInstance.start(Map.of());
        metrics.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (metrics != null) {
            metrics.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesMissingAndWrongTokensAndAcceptsItsScope() {
        return ApiSecurityContract.dynamicTests(metrics);
    }
}
