package io.streamsuite.kit.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.streamsuite.kit.failure.FailureFate;
import io.streamsuite.kit.failure.FailureFates;
import io.streamsuite.kit.fixtures.Customer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client over HTTPS against a local registry stand-in (the JDK's HttpsServer) with a self-signed
 * certificate, which answers only a request with the expected Authorization header.
 */
class HttpsRegistryClientTest {

    private static final String STORE_PASSWORD = "trust-pw";
    private static final String USER_INFO = "svc-fraud:s3cret";
    private static final String TOKEN = "eyJ.test.token";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static Path pkcs12;
    private static Path pem;
    private static Path otherCa;
    private static volatile String expectedAuthorization;
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startHttpsRegistry() throws Exception {
        KeyPair serverKey = keyPair();
        X509Certificate certificate = selfSigned(serverKey, "localhost");
        pkcs12 = trustStore(certificate, "registry.p12");
        pem = dir.resolve("registry-ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        otherCa = trustStore(selfSigned(keyPair(), "localhost"), "other-ca.p12");

        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("registry", serverKey.getPrivate(), STORE_PASSWORD.toCharArray(),
                new X509Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", HttpsRegistryClientTest::answer);
        server.start();
    }

    @AfterAll
    static void stopHttpsRegistry() {
        server.stop(0);
    }

    @BeforeEach
    void forgetRequests() {
        authorizations.clear();
    }

    @Test
    void registersOverHttpsTrustingTheConfiguredPkcs12StoreWithBasicAuth() {
        expectedAuthorization = "Basic " + base64(USER_INFO);

        int id = client(Map.of(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, pkcs12.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, STORE_PASSWORD,
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, USER_INFO)).register("orders-value", Customer.getClassSchema());

        assertThat(id).isEqualTo(7);
        assertThat(authorizations).containsExactly(expectedAuthorization);
    }

    @Test
    void trustsPemCertificatesAndSendsTheBearerToken() {
        expectedAuthorization = "Bearer " + TOKEN;

        int id = client(Map.of(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, pem.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM",
                AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN",
                AvroSerdeConfig.BEARER_AUTH_TOKEN, TOKEN)).register("orders-value", Customer.getClassSchema());

        assertThat(id).isEqualTo(7);
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void withoutATrustStoreTheSelfSignedCertificateIsAFatalUntrustedErrorAtOnce() {
        expectedAuthorization = "Basic " + base64(USER_INFO);
        // A retry would wait a minute: the preemptive timeout proves there is none.
        HttpSchemaRegistryClient client = client(Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, USER_INFO,
                AvroSerdeConfig.RETRY_BACKOFF_MS, 60_000));

        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchFailure(client));

        assertThat(failure).isInstanceOf(SchemaRegistryUntrustedException.class)
                .hasMessageContaining("not trusted by the JDK's default trust store")
                .hasMessageContaining(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION);
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.FATAL);
        assertThat(authorizations).as("no request got past the handshake").isEmpty();
    }

    @Test
    void aTrustStoreOfAnotherCaIsTheSameFatalUntrustedErrorNamingThatStore() {
        expectedAuthorization = "Basic " + base64(USER_INFO);
        HttpSchemaRegistryClient client = client(Map.of(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, otherCa.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, STORE_PASSWORD, AvroSerdeConfig.BASIC_AUTH_USER_INFO, USER_INFO,
                AvroSerdeConfig.RETRY_BACKOFF_MS, 60_000));

        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchFailure(client));

        assertThat(failure).isInstanceOf(SchemaRegistryUntrustedException.class)
                .hasMessageContaining("not trusted by " + otherCa + " (PKCS12)");
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.FATAL);
    }

    @Test
    void wrongCredentialsAreAnAccessDeniedFailureThatIsFatalNotADeadLetter() {
        expectedAuthorization = "Basic " + base64(USER_INFO);

        Throwable failure = catchFailure(client(Map.of(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, pkcs12.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, STORE_PASSWORD,
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc-fraud:wrong")));

        assertThat(failure).isInstanceOf(SchemaRegistryAccessDeniedException.class).hasMessageContaining("HTTP 401");
        assertThat(FailureFates.of(failure)).isEqualTo(FailureFate.FATAL);
        assertThat(authorizations).containsExactly("Basic " + base64("svc-fraud:wrong"));
    }

    @Test
    void aTrustStoreThatCannotBeReadFailsAtStartNamingTheSetting() {
        assertThatThrownBy(() -> client(Map.of(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, pkcs12.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, "not-the-password")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION)
                .hasMessageContaining(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD);
        assertThatThrownBy(() -> client(Map.of(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, dir.resolve("missing.p12").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no readable file there");
    }

    @Test
    void basicAuthAndABearerTokenTogetherAreRefusedAndNeitherIsPrinted() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url(),
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, USER_INFO, AvroSerdeConfig.BEARER_AUTH_TOKEN, TOKEN)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not both");

        String described = AvroSerdeConfig.from(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url(),
                AvroSerdeConfig.BEARER_AUTH_TOKEN, TOKEN, AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, pkcs12.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, STORE_PASSWORD)).toString();
        assertThat(described).contains("bearerAuth=set").doesNotContain(TOKEN).doesNotContain(STORE_PASSWORD);
    }

    private static Throwable catchFailure(HttpSchemaRegistryClient client) {
        try {
            client.register("orders-value", Customer.getClassSchema());
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the registry call succeeded");
    }

    private static HttpSchemaRegistryClient client(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url());
        config.putIfAbsent(AvroSerdeConfig.RETRY_BACKOFF_MS, 10);
        return new HttpSchemaRegistryClient(AvroSerdeConfig.from(config));
    }

    private static String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        exchange.getRequestBody().readAllBytes();
        boolean allowed = expectedAuthorization.equals(authorization);
        byte[] body = (allowed ? "{\"id\":7}" : "{\"error_code\":40101,\"message\":\"Unauthorized\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair key, String host) throws Exception {
        X500Name name = new X500Name("CN=" + host);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, host), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    }

    private static Path trustStore(X509Certificate certificate, String fileName) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", certificate);
        Path file = dir.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
