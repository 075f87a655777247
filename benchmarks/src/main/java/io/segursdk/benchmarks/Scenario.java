package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.soap.SoapResponses;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An INSi-like endpoint on loopback: the testkit simulator with client-certificate TLS, answering every call with the
 * same canned search result (so that the server's cost is identical for every caller), and the credentials to call it.
 */
public final class Scenario implements AutoCloseable {

    static final char[] PASSWORD = "bench".toCharArray();

    private final TestPki pki;
    private final SimulatorServer server;
    private final IssuedCredential organisation;
    private final IssuedCredential professional;

    /** Starts the simulator. */
    public Scenario() {
        pki = TestPki.create("BENCH");
        organisation = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        professional = pki.issueCps(CpsProfile.physician("10001234567").toBuilder().usage(CpsUsage.SIGNATURE).build());
        server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.REQUIRED).build().start();
        byte[] answer = SoapResponses.envelope(Callers.ACTION + "Response", null,
                "<RESULTAT xmlns=\"http://www.cnamts.fr/INSiResultat\"><CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR>"
                        + "</CR><INDIVIDU><INSACTIF><IdIndividu><NumIdentifiant>2920138185001</NumIdentifiant><Cle>22"
                        + "</Cle></IdIndividu><OID>1.2.250.1.213.1.4.8</OID></INSACTIF><TIQ><NomNaissance>DUPONT"
                        + "</NomNaissance><Prenom>JEANNE</Prenom><ListePrenom>JEANNE MARIE</ListePrenom><Sexe>F</Sexe>"
                        + "<DateNaissance>1992-01-31</DateNaissance><LieuNaissance>63220</LieuNaissance></TIQ>"
                        + "</INDIVIDU></RESULTAT>");
        server.route("/insi", request -> {
            server.clearCaptured(); // keep the simulator's request log from growing during long runs
            return SimResponse.of(200, SoapResponses.CONTENT_TYPE, answer);
        });
    }

    /** @return the test PKI */
    public TestPki pki() {
        return pki;
    }

    /** @return the endpoint */
    public URI endpoint() {
        return server.uri("/insi");
    }

    /** @return the TLS client identity (the organisation's certificate) */
    public SigningCredential tlsIdentity() {
        return SoftwareCredential.of(organisation.privateKey(), organisation.chain());
    }

    /** @return the professional's signing credential */
    public SigningCredential signer() {
        return SoftwareCredential.of(professional.privateKey(), professional.chain());
    }

    /** @return the trust settings */
    public TlsOptions tls() {
        return TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();
    }

    /**
     * @param mode the caller's kind
     * @return a new caller of this endpoint
     */
    public Callers.Caller caller(Callers.Mode mode) {
        return Callers.create(mode, endpoint(), tlsIdentity(), signer(), tls());
    }

    /**
     * Writes what a separate JVM needs to call this endpoint: both credentials (PKCS#12) and the root certificate.
     *
     * @param dir the directory
     * @throws IOException when writing fails
     */
    public void writeFiles(Path dir) throws IOException {
        organisation.writePkcs12(dir.resolve("tls.p12"), PASSWORD);
        professional.writePkcs12(dir.resolve("signer.p12"), PASSWORD);
        try {
            Files.write(dir.resolve("root.der"), pki.rootCertificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
