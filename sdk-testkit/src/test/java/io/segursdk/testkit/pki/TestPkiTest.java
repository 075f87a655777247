package io.segursdk.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;

class TestPkiTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    // KeyUsage bit positions, as returned by X509Certificate.getKeyUsage()
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_CERT_SIGN = 5;

    private static TestPki pki;
    private static TestPki otherPki;

    @BeforeAll
    static void createPkis() {
        pki = TestPki.create();
        otherPki = TestPki.create("ROGUE");
    }

    @Test
    void caHierarchyIsShapedLikeIgcSante() throws Exception {
        X509Certificate root = pki.rootCertificate();
        X509Certificate personnes = pki.personnesCaCertificate();
        X509Certificate organisations = pki.organisationsCaCertificate();

        assertThat(cn(root)).isEqualTo("TEST AC RACINE IGC-SANTE ELEMENTAIRE");
        assertThat(cn(personnes)).isEqualTo("TEST AC IGC-SANTE ELEMENTAIRE PERSONNES");
        assertThat(cn(organisations)).isEqualTo("TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS");
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        root.verify(root.getPublicKey());
        personnes.verify(root.getPublicKey());
        organisations.verify(root.getPublicKey());
        assertThat(personnes.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(personnes.getBasicConstraints()).isZero();
        assertThat(organisations.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(((RSAKey) root.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(root.getSubjectX500Principal().getName()).contains("OU=IGC-SANTE TEST", "OU=TESTKIT", "C=FR");
    }

    @Test
    void caKeysAreGeneratedOncePerPki() {
        assertThat(pki.rootCertificate()).isSameAs(pki.rootCertificate());
        assertThat(pki.issueCps(CpsProfile.physician("10001234567")).chain().get(2)).isSameAs(pki.rootCertificate());
    }

    @Test
    void physicianAuthenticationCertificate() throws Exception {
        IssuedCredential cred = pki.issueCps(CpsProfile.physician("10001234567"));
        X509Certificate cert = cred.certificate();

        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        assertThat(value(subject, BCStyle.CN)).isEqualTo("810001234567");
        assertThat(value(subject, BCStyle.SURNAME)).isEqualTo("TESTMEDECIN");
        assertThat(value(subject, BCStyle.GIVENNAME)).isEqualTo("CAMILLE");
        assertThat(value(subject, BCStyle.T)).isEqualTo("Médecin");
        assertThat(value(subject, BCStyle.C)).isEqualTo("FR");
        // CN, SURNAME and GIVENNAME form one multi-valued RDN, as in real CPS certificates
        RDN first = subject.getRDNs(BCStyle.CN)[0];
        assertThat(first.isMultiValued()).isTrue();
        assertThat(first.size()).isEqualTo(3);

        assertThat(cert.getIssuerX500Principal()).isEqualTo(pki.personnesCaCertificate().getSubjectX500Principal());
        assertThat(cert.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        assertThat(cert.getKeyUsage()[NON_REPUDIATION]).isFalse();
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plusSeconds(2L * 365 * 86400));
        assertThat(cred.chain()).containsExactly(cert, pki.personnesCaCertificate(), pki.rootCertificate());
        assertThat(cred.privateKey().getAlgorithm()).isEqualTo("RSA");
        validate(cred.chain(), pki);
    }

    @Test
    void signatureCertificateHasNonRepudiationOnly() throws Exception {
        CpsProfile profile = CpsProfile.physician("10001234567").toBuilder().usage(CpsUsage.SIGNATURE).build();
        IssuedCredential cred = pki.issueCps(profile);
        X509Certificate cert = cred.certificate();

        boolean[] ku = cert.getKeyUsage();
        assertThat(ku[NON_REPUDIATION]).isTrue();
        assertThat(ku[DIGITAL_SIGNATURE]).isFalse();
        assertThat(cert.getExtendedKeyUsage()).isNull();
        validate(cred.chain(), pki);

        // the key actually signs and the certificate verifies it
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(cred.privateKey());
        signer.update("document".getBytes(StandardCharsets.UTF_8));
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        // the JDK refuses initVerify(cert) on a critical key usage without digitalSignature: verify with the key
        verifier.initVerify(cert.getPublicKey());
        verifier.update("document".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(sig)).isTrue();
    }

    @Test
    void staffCardCarriesStructureAsOu() {
        IssuedCredential cred = pki.issueCps(CpsProfile.staff("310B0152872/CPET0001", "10B0152872"));
        X500Name subject = X500Name.getInstance(cred.certificate().getSubjectX500Principal().getEncoded());
        assertThat(value(subject, BCStyle.CN)).isEqualTo("310B0152872/CPET0001");
        assertThat(value(subject, BCStyle.OU)).isEqualTo("10B0152872");
        assertThat(subject.getRDNs(BCStyle.T)).isEmpty();
        assertThat(CpsProfile.staff("310B0152872/CPET0001", "10B0152872").cardType()).isEqualTo(CardType.CPE);
    }

    @Test
    void profileRejectsBadRppsAndInvertedValidity() {
        assertThatThrownBy(() -> CpsProfile.physician("123")).isInstanceOf(IllegalArgumentException.class);
        Instant now = Instant.now();
        assertThatThrownBy(() -> CpsProfile.physician("10001234567").toBuilder().validity(now, now.minusSeconds(1))
                .build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpsProfile.builder().surname("X").givenName("Y").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void insiAutoOrganisationCertificate() throws Exception {
        IssuedCredential cred = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        X509Certificate cert = cred.certificate();
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());

        assertThat(value(subject, BCStyle.CN)).isEqualTo("INSI-AUTO");
        assertThat(value(subject, BCStyle.OU)).isEqualTo("10B0152872");
        assertThat(value(subject, BCStyle.O)).isEqualTo("STRUCTURE TEST 10B0152872");
        assertThat(value(subject, BCStyle.ST)).isEqualTo("Paris (75)");
        assertThat(cert.getSubjectX500Principal().getName())
                .isEqualTo("CN=INSI-AUTO,OU=10B0152872,O=STRUCTURE TEST 10B0152872,ST=Paris (75),C=FR");
        assertThat(cn(cred.chain().get(1))).isEqualTo("TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS");
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(cert.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        validate(cred.chain(), pki);

        assertThat(cn(pki.issueOrganisation(OrganisationProfile.insiManu("10B0152872")).certificate()))
                .isEqualTo("INSI-MANU");
    }

    @Test
    void dmpSignatureAndAuthenticationCertificates() throws Exception {
        IssuedCredential sign = pki.issueOrganisation(OrganisationProfile.dmpSignature("10B0127189"));
        assertThat(sign.certificate().getKeyUsage()[NON_REPUDIATION]).isTrue();
        assertThat(sign.certificate().getExtendedKeyUsage()).isNull();
        validate(sign.chain(), pki);

        IssuedCredential auth = pki.issueOrganisation(OrganisationProfile.dmpAuthentication("10B0127189"));
        assertThat(auth.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(auth.certificate().getKeyUsage()[NON_REPUDIATION]).isFalse();

        IssuedCredential both = pki.issueOrganisation(OrganisationProfile.dmpAuthentication("10B0127189")
                .toBuilder().usage(OrganisationUsage.TLS_CLIENT_AND_SIGNATURE).build());
        assertThat(both.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(both.certificate().getKeyUsage()[NON_REPUDIATION]).isTrue();
    }

    @Test
    void serverCertificateHasDnsAndIpNames() throws Exception {
        IssuedCredential cred = pki.issueServer();
        X509Certificate cert = cred.certificate();
        Collection<List<?>> san = cert.getSubjectAlternativeNames();
        assertThat(san).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(cn(cert)).isEqualTo("localhost");
        validate(cred.chain(), pki);

        X509Certificate custom = pki.issueServer("sim.example.test", "::1").certificate();
        assertThat(custom.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "sim.example.test"), List.of(7, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void expiredCertificateFailsValidation() {
        CpsProfile expired = CpsProfile.physician("10001234567").toBuilder()
                .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"))
                .build();
        IssuedCredential cred = pki.issueCps(expired);
        assertThat(cred.certificate().getNotAfter().toInstant()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
        assertThatThrownBy(() -> validate(cred.chain(), pki))
                .isInstanceOf(CertPathValidatorException.class)
                .hasCauseInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void otherPkiIsNotTrusted() throws Exception {
        IssuedCredential foreign = otherPki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        validate(foreign.chain(), otherPki);
        assertThat(otherPki.rootCertificate().getSubjectX500Principal())
                .isNotEqualTo(pki.rootCertificate().getSubjectX500Principal());
        assertThatThrownBy(() -> validate(foreign.chain(), pki)).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void pkcs12RoundTripLoadsWithTheJdk(@TempDir Path dir) throws Exception {
        IssuedCredential cred = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        char[] password = "changeit".toCharArray();

        Path file = cred.writePkcs12(dir.resolve("insi.p12"), password);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        assertThat(ks.isKeyEntry(IssuedCredential.ALIAS)).isTrue();
        assertThat(ks.getKey(IssuedCredential.ALIAS, password).getEncoded())
                .isEqualTo(cred.privateKey().getEncoded());
        assertThat(ks.getCertificateChain(IssuedCredential.ALIAS)).containsExactlyElementsOf(cred.chain());

        KeyStore fromBytes = KeyStore.getInstance("PKCS12");
        fromBytes.load(new ByteArrayInputStream(cred.toPkcs12(password)), password);
        assertThat(fromBytes.getCertificate(IssuedCredential.ALIAS)).isEqualTo(cred.certificate());

        assertThatThrownBy(() -> KeyStore.getInstance("PKCS12")
                .load(new ByteArrayInputStream(cred.toPkcs12(password)), "wrong".toCharArray()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void pemParsesBack(@TempDir Path dir) throws Exception {
        IssuedCredential cred = pki.issueCps(CpsProfile.pharmacist("10001234567"));
        CertificateFactory cf = CertificateFactory.getInstance("X.509");

        String certPem = cred.certificatePem();
        assertThat(certPem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(cf.generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(cred.certificate());
        List<java.security.cert.Certificate> parsedChain = List.copyOf(cf.generateCertificates(
                new ByteArrayInputStream(cred.chainPem().getBytes(StandardCharsets.US_ASCII))));
        assertThat(parsedChain).containsExactlyElementsOf(cred.chain());

        String keyPem = cred.privateKeyPem();
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        String base64 = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey parsed = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        assertThat(parsed).isEqualTo(cred.privateKey());

        pki.writeTo(dir.resolve("ca"));
        try (InputStream in = Files.newInputStream(dir.resolve("ca/root.pem"))) {
            assertThat(cf.generateCertificate(in)).isEqualTo(pki.rootCertificate());
        }
        try (InputStream in = Files.newInputStream(dir.resolve("ca/personnes.pem"))) {
            assertThat(cf.generateCertificate(in)).isEqualTo(pki.personnesCaCertificate());
        }
        try (InputStream in = Files.newInputStream(dir.resolve("ca/organisations.pem"))) {
            assertThat(cf.generateCertificate(in)).isEqualTo(pki.organisationsCaCertificate());
        }
    }

    @Test
    void trustStoreHoldsTheRoot() throws Exception {
        KeyStore trust = pki.trustStore();
        assertThat(trust.isCertificateEntry("root")).isTrue();
        assertThat(trust.getCertificate("root")).isEqualTo(pki.rootCertificate());
    }

    private static void validate(List<X509Certificate> chain, TestPki anchor) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        CertPath path = cf.generateCertPath(chain.subList(0, chain.size() - 1));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor.rootCertificate(), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    private static String cn(X509Certificate cert) {
        return value(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()), BCStyle.CN);
    }

    private static String value(X500Name name, ASN1ObjectIdentifier type) {
        for (RDN rdn : name.getRDNs()) {
            for (var atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(type)) {
                    return IETFUtils.valueToString(atv.getValue());
                }
            }
        }
        return null;
    }
}
