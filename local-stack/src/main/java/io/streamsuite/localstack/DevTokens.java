package io.streamsuite.localstack;

import io.streamsuite.kit.test.TokenIssuer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stack's own key pair and development tokens: made afresh at every start (the private key
 * stays in this JVM), the public key written under the data dir for the services to trust. Nobody has
 * to set up an identity provider, and nothing runs unauthenticated.
 */
public final class DevTokens {

    private static final Map<Path, DevTokens> BY_DATA_DIR = new ConcurrentHashMap<>();
    private static final Duration VALID_FOR = Duration.ofHours(12);

    private final TokenIssuer issuer = TokenIssuer.generate();
    private final Path publicKey;
    private final String developer;

    private DevTokens(Path dataDir) {
        this.publicKey = issuer.writePublicKey(dataDir.resolve("security").resolve("jwt-public-key.pem"));
        this.developer = "Bearer " + issuer.mint("local-developer", VALID_FOR, TokenIssuer.READ_SCOPE, TokenIssuer.OPERATE_SCOPE);
    }

    /** The key pair of this data dir, made on first use in this JVM. */
    public static DevTokens in(Path dataDir) {
        DevTokens tokens = BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath().normalize(), DevTokens::new);
        // A drill wipes its data dir between runs in one JVM: put the key back.
        if (!Files.exists(tokens.publicKey)) {
            tokens.issuer.writePublicKey(tokens.publicKey);
        }
        return tokens;
    }

    /** For {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public String publicKeyLocation() {
        return URI.create("file:" + publicKey.toAbsolutePath()).toString();
    }

    /** {@code Bearer <token>} with both scopes, valid 12 hours. */
    public String authorization() {
        return developer;
    }

    /** The token alone, for the printed curl lines. */
    public String token() {
        return developer.substring("Bearer ".length());
    }

    public TokenIssuer issuer() {
        return issuer;
    }

    /**
     * For docker compose: writes a fresh key pair's public key to {@code <dir>/jwt-public-key.pem} and
     * prints a development token signed by it (the private key is not kept: run again for a new token).
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".dev-keys").toAbsolutePath();
        TokenIssuer issuer = TokenIssuer.generate();
        Path key = issuer.writePublicKey(dir.resolve("jwt-public-key.pem"));
        System.out.println("public key: " + key);
        System.out.println("export TOKEN=" + issuer.mint("local-developer", VALID_FOR, TokenIssuer.READ_SCOPE,
                TokenIssuer.OPERATE_SCOPE));
    }
}
