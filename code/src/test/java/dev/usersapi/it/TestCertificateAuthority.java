package dev.usersapi.it;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * A throwaway certificate authority for tests: its own root certificate, and server certificates
 * it signs for the DNS names given. Everything is written as PEM, the form PostgreSQL and the
 * JDBC driver's {@code sslrootcert} read (the same form as Amazon's RDS CA bundle).
 */
final class TestCertificateAuthority {

    private static final AtomicLong SERIALS = new AtomicLong(1);

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificateAuthority(X500Name name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    static TestCertificateAuthority create(String commonName) {
        X500Name name = new X500Name("CN=" + commonName);
        KeyPair keys = newKeyPair();
        try {
            var builder = builder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificateAuthority(name, keys, sign(builder, keys));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate for {@code dnsName} (its only subject alternative name), signed by this CA. */
    ServerCertificate issueServerCertificate(String dnsName) {
        KeyPair serverKeys = newKeyPair();
        try {
            var builder = builder(name, new X500Name("CN=" + dnsName), serverKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            X509Certificate server = sign(builder, keys);
            return new ServerCertificate(pem("CERTIFICATE", server.getEncoded()),
                    pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()), certificatePem());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root certificate, as a client's trust anchor. */
    String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the root certificate (PEM) to {@code file}, for a client to trust; returns the file. */
    Path writeCertificate(Path file) throws IOException {
        return Files.writeString(file, certificatePem());
    }

    /** A certificate, its PKCS #8 private key and its CA's certificate, all PEM. */
    record ServerCertificate(String certificatePem, String privateKeyPem, String caCertificatePem) {

        /**
         * Copies the three into the container before it starts, as /tls/server.crt, /tls/server.key
         * and /tls/ca.crt, readable by any user (the server's start-up copies the key where it must
         * be private, if it must).
         */
        <T extends GenericContainer<?>> T copyInto(T container) {
            container.withCopyToContainer(Transferable.of(certificatePem, 0644), "/tls/server.crt")
                    .withCopyToContainer(Transferable.of(privateKeyPem, 0644), "/tls/server.key")
                    .withCopyToContainer(Transferable.of(caCertificatePem, 0644), "/tls/ca.crt");
            return container;
        }
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.getAndIncrement()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                subject, subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) {
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
