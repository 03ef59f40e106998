package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.Payments;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CardTransactionTest {

    private final CardToken tokens = new CardToken("a-test-secret-of-enough-length");

    @Test
    void maskedTransactionRoundTripsAndHoldsNoCardNumber() {
        Transaction tx = Payments.card(Payments.CARD_A).amount("1234.56").build();
        tx.setDeviceId("device-9");
        CardTransaction masked = CardTransaction.masked(tx, tokens)
                .withReasons(EnumSet.of(FraudReason.FOREIGN_COUNTRY, FraudReason.OUT_OF_PATTERN_AMOUNT));

        byte[] bytes = CardTransaction.SERDE.serializer().serialize("t", masked);
        CardTransaction back = CardTransaction.SERDE.deserializer().deserialize("t", bytes);

        assertThat(back).isEqualTo(masked);
        assertThat(back.amount()).isEqualByComparingTo(new BigDecimal("1234.56"));
        assertThat(back.deviceId()).isEqualTo("device-9");
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(Payments.CARD_A);
    }

    @Test
    void garbageIsASerializationError() {
        assertThatThrownBy(() -> CardTransaction.SERDE.deserializer().deserialize("t", new byte[] {9, 9}))
                .isInstanceOf(SerializationException.class);
    }
}
