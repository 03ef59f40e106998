package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardTokenTest {

    private final CardToken tokens = new CardToken("a-test-secret-of-enough-length");

    @Test
    void sameCardAndSecretGiveTheSameTokenWhichHidesTheNumber() {
        String token = tokens.tokenOf("4111111111111111");

        assertThat(token).isEqualTo(new CardToken("a-test-secret-of-enough-length").tokenOf("4111111111111111"));
        assertThat(token).hasSize(22).doesNotContain("4111", "1111");
        assertThat(tokens.tokenOf("4111111111111112")).isNotEqualTo(token);
        assertThat(new CardToken("another-secret-of-enough-length").tokenOf("4111111111111111")).isNotEqualTo(token);
    }

    @Test
    void showsOnlyTheLastFourDigits() {
        assertThat(CardToken.last4("4111111111111234")).isEqualTo("1234");
    }

    @Test
    void acceptsTwelveToNineteenDigitsOnly() {
        assertThat(CardToken.isCardNumber("123456789012")).isTrue();
        assertThat(CardToken.isCardNumber("1234567890123456789")).isTrue();
        assertThat(CardToken.isCardNumber("12345678901")).isFalse();
        assertThat(CardToken.isCardNumber("12345678901234567890")).isFalse();
        assertThat(CardToken.isCardNumber("4111-1111-1111-1111")).isFalse();
        assertThat(CardToken.isCardNumber(null)).isFalse();
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new CardToken("short")).hasMessageContaining("fraud.card-token.secret");
    }
}
