package io.segursdk.ins.insi;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.InsiClient;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimulatorServer;

import java.util.UUID;

/** One test PKI, one HTTPS server with the INSi simulator, and the credentials the tests use. */
final class InsiTestBed implements AutoCloseable {

    static final String IDAM = "SEGURTEST0001";
    static final String STRUCTURE_ID = "10B0152872";
    static final UUID INSTALLATION = UUID.fromString("6f1c2a9e-3b7d-4c55-9a0e-2d8f4b61c7a3");

    // tag::simulator[]
    final TestPki pki = TestPki.create();
    final SimulatorServer server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build().start();
    final InsiSimulator insi = InsiSimulator.builder().authorisationNumber("SEGURTEST0001").install(server);
    // end::simulator[]
    final TlsOptions tls = TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();

    SoftwareCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }

    SoftwareCredential insiAuto() {
        return credential(pki.issueOrganisation(OrganisationProfile.insiAuto(STRUCTURE_ID)));
    }

    static SoftwareInfo software(String idam) {
        return SoftwareInfo.builder().productName("SegurTest").productVersion("2.4.1").installationId(INSTALLATION)
                .insiAuthorisationNumber(idam).build();
    }

    InsiClient.Builder clientBuilder() {
        return InsiClient.builder().endpoint(insi.endpoint()).tls(tls).software(software(IDAM));
    }

    InsiClient mtlsClient() {
        // tag::mtls-client[]
        IssuedCredential issued = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        InsiClient client = InsiClient.builder()
                .endpoint(insi.endpoint())
                .organisationCertificate(SoftwareCredential.of(issued.privateKey(), issued.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .software(SoftwareInfo.builder()
                        .productName("SegurTest")
                        .productVersion("2.4.1")
                        .installationId(INSTALLATION)
                        .insiAuthorisationNumber("SEGURTEST0001")
                        .build())
                .build();
        // end::mtls-client[]
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
