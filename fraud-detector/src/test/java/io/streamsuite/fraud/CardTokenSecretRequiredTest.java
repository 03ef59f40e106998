package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.test.WithKafkaStack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outside the local profile the card-token key has no default: without one the service does not start. */
@WithKafkaStack
class CardTokenSecretRequiredTest {

    @Test
    void refusesToStartWithoutTheCardTokenSecretAndNamesTheSetting() {
        assertThatThrownBy(() -> FraudInstance.start(Map.of("fraud.card-token.secret", "")))
                .hasStackTraceContaining("set fraud.card-token.secret (env FRAUD_CARD_TOKEN_SECRET");
    }
}
