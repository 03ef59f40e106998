package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.Payments;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.Transaction;
import java.math.BigDecimal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CardTransactionTest {

    private final CardToken tokens = new CardToken("a-test-secret-of-enough-length");

    @Test
    void maskedTransactionKeepsTokenAndLastFourButNoCardNumber() {
        Transaction tx = Payments.card(Payments.CARD_A).amount("1234.56").build();
        CardTransaction masked = CardTransaction.masked(tx, tokens)
                .withReasons(EnumSet.of(FraudReason.FOREIGN_COUNTRY, FraudReason.OUT_OF_PATTERN_AMOUNT));

        assertThat(masked.cardToken()).isEqualTo(tokens.tokenOf(Payments.CARD_A));
        assertThat(masked.cardLast4()).isEqualTo(Payments.CARD_A.substring(Payments.CARD_A.length() - 4));
        assertThat(masked.reasons()).containsExactlyInAnyOrder(FraudReason.FOREIGN_COUNTRY, FraudReason.OUT_OF_PATTERN_AMOUNT);
        assertThat(masked.amount()).isEqualByComparingTo(new BigDecimal("1234.56"));
        assertThat(masked.toString()).doesNotContain(Payments.CARD_A);
    }
}
