package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs RS256 JWT bearer tokens with a key pair of its own, for tests and the local stack: the services
 * verify them with Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.public-key-location}
 * pointed at {@link #writePublicKey(Path)}. Never an identity provider for production.
 */
public final class TokenIssuer {

    /** Scope of reading stores and domain queries (the kit's {@code streams-kit.security.read-scope}). */
    public static final String READ_SCOPE = "streams.read";
    /** Scope of browsing and replaying dead letters (the kit's {@code streams-kit.security.operate-scope}). */
    public static final String OPERATE_SCOPE = "streams.operate";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;

    private TokenIssuer(KeyPair keys) {
        this.keys = keys;
    }

    /** A fresh 2048-bit RSA key pair, held in memory only. */
    public static TokenIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TokenIssuer(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    /** Writes the public key as PEM ({@code -----BEGIN PUBLIC KEY-----}) and returns the file. */
    public Path writePublicKey(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, publicKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** A signed token for {@code subject} with these scopes (space-separated in the {@code scope} claim). */
    public String mint(String subject, Duration validFor, String... scopes) {
        return mint(subject, Instant.now(), validFor, scopes);
    }

    /** As {@link #mint(String, Duration, String...)}, issued at {@code issuedAt} (in the past for an expired token). */
    public String mint(String subject, Instant issuedAt, Duration validFor, String... scopes) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":" + quote(subject)
                + ",\"scope\":" + quote(String.join(" ", scopes))
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + issuedAt.plus(validFor).getEpochSecond()
                + ",\"jti\":" + quote(UUID.randomUUID().toString()) + "}";
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + BASE64URL.encodeToString(sign(keys.getPrivate(), signingInput));
    }

    private static byte[] sign(PrivateKey key, String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
