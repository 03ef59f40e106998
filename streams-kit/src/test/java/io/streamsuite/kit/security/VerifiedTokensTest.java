package io.streamsuite.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.kit.test.TokenIssuer;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The kit's memory of verified tokens, over Spring's real RSA verifier and real signed tokens. */
class VerifiedTokensTest {

    private final TokenIssuer issuer = TokenIssuer.generate();
    private final AtomicInteger verifications = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final VerifiedTokens tokens = new VerifiedTokens(countingVerifier(issuer), clock);

    @Test
    void anAcceptedTokenIsVerifiedOnceThenRemembered() {
        String token = issuer.mint("reader", Duration.ofHours(1), "streams.read");

        assertThat(tokens.decode(token).getSubject()).isEqualTo("reader");
        assertThat(tokens.decode(token).getClaimAsString("scope")).isEqualTo("streams.read");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("reader");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() {
        String token = issuer.mint("reader", Duration.ofHours(1), "streams.read");
        tokens.decode(token);

        clock.move(VerifiedTokens.MAX_AGE.minusSeconds(1));
        tokens.decode(token);
        assertThat(verifications).hasValue(1);

        clock.move(Duration.ofSeconds(2));
        tokens.decode(token);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenIsNeverRememberedPastItsExpiry() {
        // Expires in 10 s, well inside the maximum age: the memory lets go of it at its exp.
        String token = issuer.mint("reader", clock.instant().minusSeconds(50), Duration.ofSeconds(60), "streams.read");
        tokens.decode(token);
        clock.move(Duration.ofSeconds(9));
        tokens.decode(token);
        assertThat(verifications).hasValue(1);

        clock.move(Duration.ofSeconds(2));
        tokens.decode(token);
        assertThat(verifications).as("past exp the verifier decides again (with its own clock skew)").hasValue(2);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        String stranger = TokenIssuer.generate().mint("stranger", Duration.ofHours(1), "streams.read");
        String expired = issuer.mint("late", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), "streams.read");

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode(stranger)).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(() -> tokens.decode("not-a-token")).isInstanceOf(JwtException.class);
        }

        assertThat(verifications).hasValue(9);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsVerifiedAndRefused() {
        String token = issuer.mint("reader", Duration.ofHours(1), "streams.read");
        tokens.decode(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aFloodOfDistinctTokensKeepsTheMemoryBounded() {
        VerifiedTokens small = new VerifiedTokens(countingVerifier(issuer), clock, 16);
        for (int i = 0; i < 50; i++) {
            small.decode(issuer.mint("user-" + i, Duration.ofHours(1), "streams.read"));
            assertThat(small.size()).isBetween(1, 16);
        }
    }

    private JwtDecoder countingVerifier(TokenIssuer trusted) {
        NimbusJwtDecoder real = NimbusJwtDecoder.withPublicKey((RSAPublicKey) trusted.publicKey()).build();
        return token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        };
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
