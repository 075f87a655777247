package io.segursdk.core.xml;

import io.segursdk.core.credentials.SoftwareCredential;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A three-level test PKI (root, intermediate, signer) made with Bouncy Castle, for the XML signature tests only.
 * Stand-in until the shared test PKI of sdk-testkit is available on this branch.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    public final X509Certificate root;
    public final X509Certificate intermediate;
    private final KeyPair intermediateKeys;

    private TestCertificates(X509Certificate root, X509Certificate intermediate, KeyPair intermediateKeys) {
        this.root = root;
        this.intermediate = intermediate;
        this.intermediateKeys = intermediateKeys;
    }

    /** @return a new PKI with its own root */
    public static TestCertificates create(String name) {
        try {
            KeyPair rootKeys = rsa();
            X500Principal rootName = new X500Principal("CN=TEST ROOT " + name + ",O=segur-sdk tests,C=FR");
            X509Certificate root = certificate(rootName, rootKeys.getPublic(), rootName, rootKeys.getPrivate(), true,
                    Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(3650, ChronoUnit.DAYS));
            KeyPair interKeys = rsa();
            X500Principal interName = new X500Principal("CN=TEST AC " + name + " ORGANISATIONS,O=segur-sdk tests,C=FR");
            X509Certificate inter = certificate(interName, interKeys.getPublic(), rootName, rootKeys.getPrivate(), true,
                    Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(3650, ChronoUnit.DAYS));
            return new TestCertificates(root, inter, interKeys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a signing credential issued by the intermediate, valid from yesterday for a year */
    public SoftwareCredential issue(String commonName) {
        return issue(commonName, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(365, ChronoUnit.DAYS));
    }

    /** @return a signing credential issued by the intermediate, valid over the given dates */
    public SoftwareCredential issue(String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = rsa();
            X509Certificate cert = certificate(
                    new X500Principal("CN=" + commonName + ",OU=10B0127189,O=CENTRE DE TEST,C=FR"), keys.getPublic(),
                    intermediate.getSubjectX500Principal(), intermediateKeys.getPrivate(), false, notBefore, notAfter);
            return SoftwareCredential.of(keys.getPrivate(), List.of(cert, intermediate));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Principal subject, PublicKey key, X500Principal issuer,
                                               PrivateKey issuerKey, boolean ca, Instant notBefore, Instant notAfter)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, ca
                ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }
}
