package io.streamsuite.kit.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RedactorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void masksSensitiveFieldsAtAnyDepthKeepingTheLastFour() {
        JsonNode record = JSON.readTree("""
                {"cardId":"4111111111111111","amount":12.50,
                 "nested":{"cardId":"5500000000000004"},"list":[{"cardId":"340000000000009"}]}""");

        JsonNode redacted = Redactor.of(List.of("cardId")).redact(record);

        assertThat(redacted.get("cardId").asString()).isEqualTo("************1111");
        assertThat(redacted.get("nested").get("cardId").asString()).isEqualTo("************0004");
        assertThat(redacted.get("list").get(0).get("cardId").asString()).isEqualTo("***********0009");
        assertThat(redacted.get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(record.get("cardId").asString()).as("input untouched").isEqualTo("4111111111111111");
    }

    @Test
    void changesNothingWhenNoFieldIsSensitive() {
        JsonNode record = JSON.readTree("{\"cardId\":\"4111111111111111\"}");

        assertThat(Redactor.none().active()).isFalse();
        assertThat(Redactor.none().redact(record)).isEqualTo(record);
    }
}
