package io.streamsuite.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.example.ExampleApplication;
import io.streamsuite.kit.test.ApiSecurityContract;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The kit's own operations (stores, dead letters) keep the contract every service inherits. */
@WithKafkaStack
class KitApiSecurityContractTest {

    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = AppInstance.start(ExampleApplication.class, KafkaStack.uniqueName("contract"), Map.of());
        app.awaitReady(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theDocumentStatesTheScopeOfEveryKitOperation() {
        List<ApiSecurityContract.Operation> operations = ApiSecurityContract.operations(app);
        assertThat(operations).filteredOn(op -> op.path().startsWith("/api/stores"))
                .isNotEmpty().allSatisfy(op -> assertThat(op.scope()).isEqualTo("streams.read"));
        assertThat(operations).filteredOn(op -> op.path().startsWith("/api/dead-letters"))
                .extracting(ApiSecurityContract.Operation::toString)
                .containsExactlyInAnyOrder("GET /api/dead-letters (streams.operate)",
                        "POST /api/dead-letters/replay (streams.operate)");
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesMissingAndWrongTokensAndAcceptsItsScope() {
        return ApiSecurityContract.dynamicTests(app);
    }
}
