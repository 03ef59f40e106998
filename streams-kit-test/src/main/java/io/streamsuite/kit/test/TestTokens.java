package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens for tests, one key pair per test JVM. Every {@link AppInstance} trusts its public key,
 * so a test adds one header: {@code .header(TestTokens.HEADER, TestTokens.reader())}. Each method returns
 * the whole header value ({@code Bearer eyJ...}).
 */
public final class TestTokens {

    public static final String HEADER = "Authorization";
    public static final String READ_SCOPE = TokenIssuer.READ_SCOPE;
    public static final String OPERATE_SCOPE = TokenIssuer.OPERATE_SCOPE;

    private static final Duration VALID_FOR = Duration.ofHours(2);

    private TestTokens() {
    }

    /** May read stores and domain queries. */
    public static String reader() {
        return withScopes("test-reader", READ_SCOPE);
    }

    /** May browse and replay dead letters, and nothing else. */
    public static String operator() {
        return withScopes("test-operator", OPERATE_SCOPE);
    }

    /** Both scopes: what {@link AppInstance#get} sends unless told otherwise. */
    public static String all() {
        return withScopes("test-admin", READ_SCOPE, OPERATE_SCOPE);
    }

    /** A valid token with exactly these scopes (none: authenticated, but allowed nothing scoped). */
    public static String withScopes(String subject, String... scopes) {
        return "Bearer " + Keys.ISSUER.mint(subject, VALID_FOR, scopes);
    }

    /** Signed by the trusted key but expired an hour ago. */
    public static String expired() {
        return "Bearer " + Keys.ISSUER.mint("test-expired", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1),
                READ_SCOPE, OPERATE_SCOPE);
    }

    /** Well-formed, both scopes, but signed by a key no service trusts. */
    public static String signedByStranger() {
        return "Bearer " + TokenIssuer.generate().mint("test-stranger", VALID_FOR, READ_SCOPE, OPERATE_SCOPE);
    }

    /** The value of {@code spring.security.oauth2.resourceserver.jwt.public-key-location} for apps under test. */
    public static String publicKeyLocation() {
        return Keys.PUBLIC_KEY_FILE.toUri().toString();
    }

    public static TokenIssuer issuer() {
        return Keys.ISSUER;
    }

    private static final class Keys {
        static final TokenIssuer ISSUER = TokenIssuer.generate();
        static final Path PUBLIC_KEY_FILE = writePublicKey();

        private static Path writePublicKey() {
            try {
                Path file = Files.createTempFile("streams-test-jwt", ".pem");
                file.toFile().deleteOnExit();
                return ISSUER.writePublicKey(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
