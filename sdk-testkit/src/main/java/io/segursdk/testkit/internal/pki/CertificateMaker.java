package io.segursdk.testkit.internal.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Issues X.509 v3 certificates with Bouncy Castle. The Bouncy Castle provider is an instance private to this class,
 * passed explicitly to the builders: it is never registered JVM-wide. Certificates are converted to the JDK's own
 * {@link X509Certificate} implementation so that they behave exactly like certificates read from files.
 * Thread-safe.
 */
public final class CertificateMaker {

    /** RSA modulus size of every generated key. */
    public static final int RSA_BITS = 2048;

    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final Provider bc = new BouncyCastleProvider();
    private final SecureRandom random = new SecureRandom();
    private final JcaX509ExtensionUtils extensionUtils;
    private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

    /** Creates a certificate maker with its own Bouncy Castle provider instance and random source. */
    public CertificateMaker() {
        try {
            this.extensionUtils = new JcaX509ExtensionUtils();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available for key identifiers", e);
        }
    }

    /**
     * Generates a new RSA 2048 key pair (slow: tens to hundreds of milliseconds).
     *
     * @return the key pair
     */
    public KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** Purpose of a certificate: decides its extensions. */
    public enum Kind {
        /** Self-signed root CA. */
        ROOT_CA,
        /** Intermediate CA issuing end-entity certificates only (path length 0). */
        INTERMEDIATE_CA,
        /** End entity, personal authentication key: digital signature, TLS client authentication. */
        PERSONAL_AUTHENTICATION,
        /** End entity, TLS client authentication. */
        TLS_CLIENT,
        /** End entity, non-repudiation signature only (CPS signature key). */
        NON_REPUDIATION,
        /** End entity, organisation signature ("cachet"). */
        ORGANISATION_SIGNATURE,
        /** End entity, organisation TLS client and signature. */
        TLS_CLIENT_AND_SIGNATURE,
        /** End entity, TLS server. */
        TLS_SERVER
    }

    /**
     * Issues a certificate.
     *
     * @param kind the purpose, which decides basic constraints, key usage and extended key usage
     * @param subject subject name
     * @param subjectKey subject public key
     * @param issuerCertificate issuer certificate, or {@code null} for a self-signed root (then {@code subject} is
     *        also the issuer and {@code issuerKey} must be the subject's private key)
     * @param issuerKey the key signing the certificate
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @param subjectAltNames SAN entries (only for {@link Kind#TLS_SERVER}); may be empty
     * @return the certificate, as the JDK's implementation
     */
    public X509Certificate issue(Kind kind, X500Name subject, PublicKey subjectKey, X509Certificate issuerCertificate,
                                 PrivateKey issuerKey, Instant notBefore, Instant notAfter,
                                 List<GeneralName> subjectAltNames) {
        X500Name issuer = issuerCertificate == null
                ? subject
                : X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
        BigInteger serial = new BigInteger(127, random).setBit(126);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
        try {
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(subjectKey));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensionUtils.createAuthorityKeyIdentifier(issuerCertificate));
            }
            addPurpose(builder, kind);
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(subjectAltNames.toArray(new GeneralName[0])));
            }
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                    .setProvider(bc)
                    .setSecureRandom(random)
                    .build(issuerKey);
            return converter.getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot issue certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute key identifier", e);
        }
    }

    private static void addPurpose(X509v3CertificateBuilder b, Kind kind) throws CertIOException {
        switch (kind) {
            case ROOT_CA:
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                break;
            case INTERMEDIATE_CA:
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                b.addExtension(Extension.certificatePolicies, false,
                        new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier("2.5.29.32.0"))));
                break;
            case PERSONAL_AUTHENTICATION:
                endEntity(b);
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                break;
            case TLS_CLIENT:
                endEntity(b);
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                break;
            case NON_REPUDIATION:
                endEntity(b);
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
                break;
            case ORGANISATION_SIGNATURE:
                endEntity(b);
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                break;
            case TLS_CLIENT_AND_SIGNATURE:
                endEntity(b);
                b.addExtension(Extension.keyUsage, true, new KeyUsage(
                        KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                break;
            case TLS_SERVER:
                endEntity(b);
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                break;
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    private static void endEntity(X509v3CertificateBuilder b) throws CertIOException {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    }
}
