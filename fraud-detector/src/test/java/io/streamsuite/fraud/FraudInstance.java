package io.streamsuite.fraud;

import io.streamsuite.kit.test.AppInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts one fraud-detector (own port, state dir and application.server) against the test stack. */
final class FraudInstance {

    private FraudInstance() {
    }

    static AppInstance start(Map<String, Object> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        // Records of different accounts reach a card partition in any order; keep them all within grace.
        props.put("fraud.velocity.grace", "10m");
        props.put("fraud.card-token.secret", FraudSettings.TEST_CARD_TOKEN_SECRET);
        props.putAll(overrides);
        String applicationId = (String) props.getOrDefault("streams-kit.application-id", FraudTopics.APPLICATION_ID);
        return AppInstance.start(FraudDetectorApplication.class, applicationId, props);
    }
}
