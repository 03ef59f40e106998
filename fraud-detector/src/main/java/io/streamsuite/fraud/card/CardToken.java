package io.streamsuite.fraud.card;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Turns a card number into a stable, opaque token (keyed HMAC-SHA256, so it cannot be reversed or
 * recomputed without the secret) and masks it for display. The only place a card number is read.
 */
public final class CardToken {

    private static final String DIGEST = "SHA-256";
    private static final int BLOCK_BYTES = 64;
    private static final Pattern CARD_NUMBER = Pattern.compile("\\d{12,19}");
    /** 128 bits are plenty against collisions and keep keys in every store short. */
    private static final int TOKEN_BYTES = 16;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final ThreadLocal<KeyedDigests> digests;

    public CardToken(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("fraud.card-token.secret must be at least 16 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.digests = ThreadLocal.withInitial(() -> new KeyedDigests(key));
    }

    /** The card's token: the same for the same number and secret, on every instance. */
    public String tokenOf(String cardNumber) {
        byte[] digest = digests.get().hmac(cardNumber.getBytes(StandardCharsets.US_ASCII));
        return BASE64.encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
    }

    /** The last four characters, the only part of a card number that may be shown. */
    public static String last4(String cardNumber) {
        return cardNumber.length() <= 4 ? cardNumber : cardNumber.substring(cardNumber.length() - 4);
    }

    /** A primary account number as accepted by the REST API: 12 to 19 digits. */
    public static boolean isCardNumber(String candidate) {
        return candidate != null && CARD_NUMBER.matcher(candidate).matches();
    }

    /**
     * HMAC-SHA256 (RFC 2104) with the key's padded blocks hashed once: each token starts from copies of the
     * two keyed digest states, where {@code Mac.doFinal} hashes both padded key blocks again for every record
     * (two of the four SHA-256 blocks a card number costs).
     */
    private static final class KeyedDigests {

        private final MessageDigest inner;
        private final MessageDigest outer;

        KeyedDigests(byte[] secret) {
            byte[] block = Arrays.copyOf(secret.length > BLOCK_BYTES ? sha256().digest(secret) : secret, BLOCK_BYTES);
            byte[] innerPad = new byte[BLOCK_BYTES];
            byte[] outerPad = new byte[BLOCK_BYTES];
            for (int i = 0; i < BLOCK_BYTES; i++) {
                innerPad[i] = (byte) (block[i] ^ 0x36);
                outerPad[i] = (byte) (block[i] ^ 0x5c);
            }
            inner = sha256();
            inner.update(innerPad);
            outer = sha256();
            outer.update(outerPad);
        }

        byte[] hmac(byte[] message) {
            MessageDigest in = copy(inner);
            in.update(message);
            MessageDigest out = copy(outer);
            out.update(in.digest());
            return out.digest();
        }

        private static MessageDigest copy(MessageDigest keyed) {
            try {
                return (MessageDigest) keyed.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("this JVM's SHA-256 cannot be copied", e);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance(DIGEST);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
        }
    }
}
