package io.streamsuite.kit.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * The registry client's TLS trust: the configured trust store ({@link AvroSerdeConfig#SSL_TRUSTSTORE_LOCATION})
 * or, when none is set, the JDK's default. A trust store that cannot be read fails at start-up, naming the setting.
 */
final class RegistryTls {

    private RegistryTls() {
    }

    /** The SSL context to use, or empty for the JDK's default. */
    static Optional<SSLContext> context(Optional<AvroSerdeConfig.TrustStore> trustStore) {
        return trustStore.map(RegistryTls::context);
    }

    private static SSLContext context(AvroSerdeConfig.TrustStore store) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(store));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, store.location(),
                    "cannot use it as a " + store.type() + " trust store: " + e.getMessage());
        }
    }

    private static KeyStore load(AvroSerdeConfig.TrustStore store) throws GeneralSecurityException {
        Path file = Path.of(store.location());
        if (!Files.isReadable(file)) {
            throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, store.location(), "no readable file there");
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (store.type().equals("PEM")) {
                return fromPem(in, store.location());
            }
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, store.password().map(String::toCharArray).orElse(null));
            return keyStore;
        } catch (IOException e) {
            // KeyStore.load says a wrong password with an IOException whose cause is UnrecoverableKeyException.
            throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, store.location(), "cannot read it as a "
                    + store.type() + " trust store (wrong " + AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD + " or "
                    + AvroSerdeConfig.SSL_TRUSTSTORE_TYPE + "?): " + e.getMessage());
        }
    }

    private static KeyStore fromPem(InputStream in, String location) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certificates.isEmpty()) {
            throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, location, "holds no PEM certificate");
        }
        KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
        keyStore.load(null, null);
        int n = 0;
        for (Certificate certificate : certificates) {
            keyStore.setCertificateEntry("registry-ca-" + n++, certificate);
        }
        return keyStore;
    }

    /** True when the handshake failed because the registry's certificate is not trusted (not a dropped connection). */
    static boolean isUntrustedCertificate(IOException failure) {
        if (!(failure instanceof SSLHandshakeException)) {
            return false;
        }
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}
