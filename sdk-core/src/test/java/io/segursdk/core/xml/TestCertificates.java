package io.segursdk.core.xml;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.OrganisationUsage;
import io.segursdk.testkit.pki.TestPki;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The XML signature tests' view of the testkit's IGC-Santé-shaped {@link TestPki}: its root, the ORGANISATIONS
 * intermediate, and organisation signature credentials ("ORG SIGN", as for the VIHF in indirect mode).
 */
public final class TestCertificates {

    public final X509Certificate root;
    public final X509Certificate intermediate;
    private final TestPki pki;

    private TestCertificates(TestPki pki) {
        this.pki = pki;
        this.root = pki.rootCertificate();
        this.intermediate = pki.organisationsCaCertificate();
    }

    /** @return a new PKI with its own root */
    public static TestCertificates create(String name) {
        return new TestCertificates(TestPki.create(name));
    }

    /** @return an organisation signature credential, valid from issuance for the profile's default validity */
    public SoftwareCredential issue(String commonName) {
        return credential(pki.issueOrganisation(profile(commonName).build()));
    }

    /** @return an organisation signature credential, valid over the given dates */
    public SoftwareCredential issue(String commonName, Instant notBefore, Instant notAfter) {
        return credential(pki.issueOrganisation(profile(commonName).validity(notBefore, notAfter).build()));
    }

    private static OrganisationProfile.Builder profile(String commonName) {
        return OrganisationProfile.builder().commonName(commonName).structureId("10B0127189")
                .usage(OrganisationUsage.SIGNATURE);
    }

    private static SoftwareCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }
}
