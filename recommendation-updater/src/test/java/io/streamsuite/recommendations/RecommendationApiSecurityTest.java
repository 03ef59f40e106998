package io.streamsuite.recommendations;

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

/** Every operation of recommendation-updater's OpenAPI document: 401 without a token, 403 without its scope, handled with it. */
@WithKafkaStack
class RecommendationApiSecurityTest {

    private static AppInstance recommendations;

    @BeforeAll
    static void start() {
        KafkaStack.createTopics(3, RecommendationTopics.INTERACTIONS, RecommendationTopics.ITEMS);
        recommendations = AppInstance.start(RecommendationUpdaterApplication.class,
                KafkaStack.uniqueName(RecommendationTopics.APPLICATION_ID), Map.of());
        recommendations.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (recommendations != null) {
            recommendations.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesMissingAndWrongTokensAndAcceptsItsScope() {
        return ApiSecurityContract.dynamicTests(recommendations);
    }
}
