package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    void tokensAreTheFirst128BitsOfTheJdkHmacSha256ForShortBlockSizedAndLongSecrets() throws Exception {
        for (String secret : new String[] {"sixteen-chars-ok", "a-test-secret-of-enough-length", "k".repeat(64), "long".repeat(40)}) {
            CardToken token = new CardToken(secret);
            for (String card : new String[] {"4111111111111111", "123456789012", "1234567890123456789"}) {
                assertThat(token.tokenOf(card)).as(secret.length() + "-byte secret, " + card).isEqualTo(jdkToken(secret, card));
                assertThat(token.tokenOf(card)).as("the same on a second call").isEqualTo(jdkToken(secret, card));
            }
        }
    }

    private static String jdkToken(String secret, String card) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal(card.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
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
