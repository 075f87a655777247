package io.segursdk.core.soap.support;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for the SOAP client tests: one root, a server certificate for localhost/127.0.0.1 and client
 * certificates. Stands in for the testkit's TestPki until it is available.
 */
public final class TestCerts {

    /** A key with its chain, end-entity first. */
    public record Issued(PrivateKey privateKey, List<X509Certificate> chain) {
        /** @return the end-entity certificate */
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private final AtomicLong serial = new AtomicLong(System.nanoTime());
    private final KeyPair rootKeys;
    private final X509Certificate root;

    private TestCerts(String rootName) throws Exception {
        rootKeys = keyPair();
        X500Name name = new X500Name("CN=" + rootName + ",O=segur-sdk tests,C=FR");
        X509v3CertificateBuilder b = builder(name, name, rootKeys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        root = sign(b, rootKeys.getPrivate());
    }

    /**
     * @param rootName the root's common name
     * @return a new PKI
     */
    public static TestCerts create(String rootName) {
        try {
            return new TestCerts(rootName);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the root certificate */
    public X509Certificate root() {
        return root;
    }

    /** @return a server certificate for localhost and 127.0.0.1 */
    public Issued server() {
        return issue("localhost", true, "localhost", "127.0.0.1");
    }

    /**
     * @param cn the host name the certificate names (and nothing else)
     * @return a server certificate for that name only
     */
    public Issued serverFor(String cn) {
        return issue(cn, true, cn);
    }

    /**
     * @param cn the client's common name
     * @return a client certificate
     */
    public Issued client(String cn) {
        return issue(cn, false);
    }

    private Issued issue(String cn, boolean server, String... names) {
        try {
            KeyPair keys = keyPair();
            X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=" + cn + ",O=segur-sdk tests,C=FR"), keys);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            if (names.length > 0) {
                GeneralName[] sans = new GeneralName[names.length];
                for (int i = 0; i < names.length; i++) {
                    boolean ip = names[i].matches("[0-9.]+");
                    sans[i] = ip ? new GeneralName(GeneralName.iPAddress, names[i])
                            : new GeneralName(GeneralName.dNSName, names[i]);
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            }
            return new Issued(keys.getPrivate(), List.of(sign(b, rootKeys.getPrivate()), root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
