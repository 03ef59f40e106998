package io.streamsuite.fraud.card;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a card number into a stable, opaque token (keyed HMAC-SHA256, so it cannot be reversed or
 * recomputed without the secret) and masks it for display. The only place a card number is read.
 */
public final class CardToken {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern CARD_NUMBER = Pattern.compile("\\d{12,19}");
    /** 128 bits are plenty against collisions and keep keys in every store short. */
    private static final int TOKEN_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    public CardToken(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("fraud.card-token.secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** The card's token: the same for the same number and secret, on every instance. */
    public String tokenOf(String cardNumber) {
        byte[] digest = mac.get().doFinal(cardNumber.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
    }

    /** The last four characters, the only part of a card number that may be shown. */
    public static String last4(String cardNumber) {
        return cardNumber.length() <= 4 ? cardNumber : cardNumber.substring(cardNumber.length() - 4);
    }

    /** A primary account number as accepted by the REST API: 12 to 19 digits. */
    public static boolean isCardNumber(String candidate) {
        return candidate != null && CARD_NUMBER.matcher(candidate).matches();
    }

    private Mac newMac() {
        try {
            Mac created = Mac.getInstance(ALGORITHM);
            created.init(key);
            return created;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
