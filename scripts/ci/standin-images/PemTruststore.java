// Writes a PKCS12 truststore holding every certificate of a PEM bundle, for the Java
// stand-in images: the host JDK's lib/security/cacerts is a symlink into the host's
// /etc/ssl/certs/java, so the image gets its own file built from the same CA bundle the
// rest of the image trusts (including this CI's egress proxy CA).
// Usage: java PemTruststore.java BUNDLE.pem OUT.p12   (store password: changeit, as the JDK's)
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

public class PemTruststore {
    public static void main(String[] args) throws Exception {
        // Unencrypted certificates and no integrity MAC, like the JDK's own cacerts: the JDK
        // opens cacerts without a password, so encrypted entries would read as an empty store.
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int count = 0;
        try (var in = new FileInputStream(args[0])) {
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + count++, cert);
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no certificate in " + args[0]);
        }
        try (var out = new FileOutputStream(args[1])) {
            store.store(out, "changeit".toCharArray());
        }
        System.out.println("truststore " + args[1] + ": " + count + " certificates");
    }
}
