package io.segursdk.testkit.pki;

import io.segursdk.testkit.internal.pki.CertificateMaker;
import io.segursdk.testkit.internal.pki.CertificateMaker.Kind;
import io.segursdk.testkit.internal.pki.Pem;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An in-memory test PKI shaped like IGC-Santé, the French health PKI: a TEST root CA and two intermediate CAs,
 * "PERSONNES" (issuing CPS-like personal certificates) and "ORGANISATIONS" (issuing structure, software and server
 * certificates). Every key is RSA 2048 and every certificate is signed with SHA256withRSA.
 *
 * <p>Names follow the IGC-Santé test chain and are clearly marked TEST, for example
 * {@code CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS,OU=IGC-SANTE TEST,OU=TESTKIT,O=SEGUR-SDK TEST,C=FR}.
 * The second OU is the PKI's {@linkplain #name() name}: two PKIs created with different names have different CA
 * names and keys, and do not trust each other (use that for negative tests).
 *
 * <p>Key generation is slow (tens to hundreds of milliseconds per key): the CA keys are generated once, on first
 * use, and every issued credential gets a key of its own. Create one {@code TestPki} per test class and share it.
 * Instances are thread-safe. No JVM-wide state is touched (in particular Bouncy Castle is not registered as a
 * security provider).
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * IssuedCredential insi = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
 * IssuedCredential doctor = pki.issueCps(CpsProfile.physician("10001234567"));
 * KeyStore trust = pki.trustStore();          // the root CA, for the code under test
 * }</pre>
 */
public final class TestPki {

    /** Name of the PKI returned by {@link #create()}. */
    public static final String DEFAULT_NAME = "TESTKIT";

    /** CN of the root CA. */
    public static final String ROOT_CN = "TEST AC RACINE IGC-SANTE ELEMENTAIRE";
    /** CN of the intermediate CA issuing personal certificates. */
    public static final String PERSONNES_CN = "TEST AC IGC-SANTE ELEMENTAIRE PERSONNES";
    /** CN of the intermediate CA issuing organisation and server certificates. */
    public static final String ORGANISATIONS_CN = "TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS";

    private static final String CA_ORGANISATION = "SEGUR-SDK TEST";
    private static final String CA_UNIT = "IGC-SANTE TEST";
    private static final Duration BACKDATE_CA = Duration.ofDays(1);
    private static final Duration BACKDATE_LEAF = Duration.ofHours(1);
    private static final Duration ROOT_VALIDITY = Duration.ofDays(20 * 365);
    private static final Duration INTERMEDIATE_VALIDITY = Duration.ofDays(15 * 365);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String name;
    private final CertificateMaker maker = new CertificateMaker();
    private volatile Authorities authorities;

    private TestPki(String name) {
        this.name = name;
    }

    /**
     * Creates the default test PKI ({@link #DEFAULT_NAME}). Keys are generated lazily, on first use.
     *
     * @return a new PKI
     */
    public static TestPki create() {
        return new TestPki(DEFAULT_NAME);
    }

    /**
     * Creates a test PKI with its own name and keys, untrusted by any other {@code TestPki}.
     *
     * @param name a short name written in the CA names (e.g. {@code "ROGUE"})
     * @return a new PKI
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static TestPki create(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        return new TestPki(name.strip());
    }

    /**
     * This PKI's name, written as the second OU of its CA names.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The self-signed root CA certificate: the trust anchor of everything this PKI issues.
     *
     * @return the root certificate
     */
    public X509Certificate rootCertificate() {
        return authorities().root.certificate;
    }

    /**
     * The intermediate CA issuing personal (CPS-like) certificates.
     *
     * @return the PERSONNES CA certificate
     */
    public X509Certificate personnesCaCertificate() {
        return authorities().personnes.certificate;
    }

    /**
     * The intermediate CA issuing organisation and TLS server certificates.
     *
     * @return the ORGANISATIONS CA certificate
     */
    public X509Certificate organisationsCaCertificate() {
        return authorities().organisations.certificate;
    }

    /**
     * A new in-memory PKCS#12 trust store holding the root CA as a trusted certificate entry (alias {@code root}).
     * The store's password is empty.
     *
     * @return a loaded key store, for a {@code TrustManagerFactory} or the code under test
     */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("root", rootCertificate());
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build trust store", e);
        }
    }

    /**
     * Issues a personal certificate from the PERSONNES CA, with a fresh key pair.
     *
     * @param profile the holder, usage and validity
     * @return the credential: key, certificate, chain
     */
    public IssuedCredential issueCps(CpsProfile profile) {
        Objects.requireNonNull(profile, "profile");
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        subject.addRDN(BCStyle.C, "FR");
        profile.organisation().ifPresent(o -> subject.addRDN(BCStyle.O, o));
        profile.organisationalUnit().ifPresent(ou -> subject.addRDN(BCStyle.OU, ou));
        profile.professionLabel().ifPresent(t -> subject.addRDN(BCStyle.T, t));
        subject.addMultiValuedRDN(
                new ASN1ObjectIdentifier[] {BCStyle.CN, BCStyle.SURNAME, BCStyle.GIVENNAME},
                new String[] {profile.nationalId(), profile.surname(), profile.givenName()});
        Kind kind = profile.usage() == CpsUsage.SIGNATURE ? Kind.NON_REPUDIATION : Kind.PERSONAL_AUTHENTICATION;
        Instant notBefore = profile.notBefore().orElseGet(() -> Instant.now().minus(BACKDATE_LEAF));
        Instant notAfter = profile.notAfter().orElseGet(() -> notBefore.plus(CpsProfile.DEFAULT_VALIDITY));
        return issue(authorities().personnes, kind, subject.build(), notBefore, notAfter, List.of());
    }

    /**
     * Issues an organisation certificate from the ORGANISATIONS CA, with a fresh key pair.
     *
     * @param profile the structure, certificate name, usage and validity
     * @return the credential: key, certificate, chain
     */
    public IssuedCredential issueOrganisation(OrganisationProfile profile) {
        Objects.requireNonNull(profile, "profile");
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        subject.addRDN(BCStyle.C, "FR");
        profile.state().ifPresent(st -> subject.addRDN(BCStyle.ST, st));
        subject.addRDN(BCStyle.O, profile.structureName());
        subject.addRDN(BCStyle.OU, profile.structureId());
        subject.addRDN(BCStyle.CN, profile.commonName());
        Kind kind;
        switch (profile.usage()) {
            case SIGNATURE:
                kind = Kind.ORGANISATION_SIGNATURE;
                break;
            case TLS_CLIENT_AND_SIGNATURE:
                kind = Kind.TLS_CLIENT_AND_SIGNATURE;
                break;
            default:
                kind = Kind.TLS_CLIENT;
                break;
        }
        Instant notBefore = profile.notBefore().orElseGet(() -> Instant.now().minus(BACKDATE_LEAF));
        Instant notAfter = profile.notAfter().orElseGet(() -> notBefore.plus(OrganisationProfile.DEFAULT_VALIDITY));
        return issue(authorities().organisations, kind, subject.build(), notBefore, notAfter, List.of());
    }

    /**
     * Issues a TLS server certificate from the ORGANISATIONS CA, valid for one year, with a fresh key pair.
     * Each name becomes a subjectAltName entry (an IP address when it is an IPv4 or IPv6 literal, a DNS name
     * otherwise); the first one is also the CN.
     *
     * @param dnsNamesOrIps host names and IP literals; none means {@code "localhost", "127.0.0.1"}
     * @return the credential: key, certificate, chain
     */
    public IssuedCredential issueServer(String... dnsNamesOrIps) {
        List<String> names = dnsNamesOrIps == null || dnsNamesOrIps.length == 0
                ? List.of("localhost", "127.0.0.1")
                : List.of(dnsNamesOrIps);
        List<GeneralName> san = new ArrayList<>();
        for (String n : names) {
            if (n.isBlank()) {
                throw new IllegalArgumentException("blank server name");
            }
            boolean ip = IPV4.matcher(n).matches() || n.contains(":");
            san.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        subject.addRDN(BCStyle.C, "FR");
        subject.addRDN(BCStyle.O, CA_ORGANISATION);
        subject.addRDN(BCStyle.OU, CA_UNIT);
        subject.addRDN(BCStyle.CN, names.get(0));
        Instant notBefore = Instant.now().minus(BACKDATE_LEAF);
        return issue(authorities().organisations, Kind.TLS_SERVER, subject.build(), notBefore,
                notBefore.plus(SERVER_VALIDITY), san);
    }

    /**
     * Writes the CA certificates as PEM files {@code root.pem}, {@code personnes.pem} and
     * {@code organisations.pem} into a directory (created if missing; existing files are replaced).
     *
     * @param dir the target directory
     * @throws UncheckedIOException if a file cannot be written
     */
    public void writeTo(Path dir) {
        Authorities a = authorities();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("root.pem"), Pem.certificate(a.root.certificate), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("personnes.pem"), Pem.certificate(a.personnes.certificate),
                    StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("organisations.pem"), Pem.certificate(a.organisations.certificate),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CA certificates to " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "TestPki[" + name + "]";
    }

    private IssuedCredential issue(Authority ca, Kind kind, X500Name subject, Instant notBefore, Instant notAfter,
                                   List<GeneralName> san) {
        KeyPair keys = maker.newRsaKeyPair();
        X509Certificate leaf = maker.issue(kind, subject, keys.getPublic(), ca.certificate, ca.key,
                notBefore, notAfter, san);
        return new IssuedCredential(keys.getPrivate(), List.of(leaf, ca.certificate, authorities().root.certificate));
    }

    private Authorities authorities() {
        Authorities a = authorities;
        if (a == null) {
            synchronized (this) {
                a = authorities;
                if (a == null) {
                    a = createAuthorities();
                    authorities = a;
                }
            }
        }
        return a;
    }

    private Authorities createAuthorities() {
        Instant start = Instant.now().minus(BACKDATE_CA);
        KeyPair rootKeys = maker.newRsaKeyPair();
        X509Certificate root = maker.issue(Kind.ROOT_CA, caName(ROOT_CN), rootKeys.getPublic(), null,
                rootKeys.getPrivate(), start, start.plus(ROOT_VALIDITY), List.of());
        Authority rootCa = new Authority(root, rootKeys.getPrivate());
        return new Authorities(rootCa, intermediate(rootCa, PERSONNES_CN, start),
                intermediate(rootCa, ORGANISATIONS_CN, start));
    }

    private Authority intermediate(Authority root, String cn, Instant start) {
        KeyPair keys = maker.newRsaKeyPair();
        X509Certificate cert = maker.issue(Kind.INTERMEDIATE_CA, caName(cn), keys.getPublic(), root.certificate,
                root.key, start, start.plus(INTERMEDIATE_VALIDITY), List.of());
        return new Authority(cert, keys.getPrivate());
    }

    private X500Name caName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FR")
                .addRDN(BCStyle.O, CA_ORGANISATION)
                .addRDN(BCStyle.OU, name)
                .addRDN(BCStyle.OU, CA_UNIT)
                .addRDN(BCStyle.CN, cn)
                .build();
    }

    private static final class Authority {
        final X509Certificate certificate;
        final PrivateKey key;

        Authority(X509Certificate certificate, PrivateKey key) {
            this.certificate = certificate;
            this.key = key;
        }
    }

    private static final class Authorities {
        final Authority root;
        final Authority personnes;
        final Authority organisations;

        Authorities(Authority root, Authority personnes, Authority organisations) {
            this.root = root;
            this.personnes = personnes;
            this.organisations = organisations;
        }
    }
}
