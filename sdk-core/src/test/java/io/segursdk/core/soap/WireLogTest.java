package io.segursdk.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.soap.support.LoopbackServer;
import io.segursdk.core.soap.support.LoopbackServer.Reply;
import io.segursdk.core.soap.support.TestCerts;
import io.segursdk.core.soap.support.Xml;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SoapResponses;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The wire log (enabled for service WIRETEST in simplelogger.properties) shows the exchange without patient data. */
class WireLogTest {

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void wireLogShowsTheExchangeWithoutPatientData(SoapEngine engine) {
        TestCerts pki = TestCerts.create("WIRE ROOT");
        TestCerts.Issued cert = pki.client("INSI-AUTO");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (LoopbackServer server = LoopbackServer.start(pki.server(), pki.root())) {
            server.route("/insi", req -> Reply.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope("urn:r",
                    InboundSoap.parse(req.contentType(), req.body()).messageId().orElse(null),
                    "<R xmlns=\"urn:r\"><NomNaissance>MARTIN</NomNaissance><NumIdentifiant>2920138185001"
                            + "</NumIdentifiant><DateNaissance>1992-01-31</DateNaissance></R>")));
            try (SoapClient client = SoapClient.builder().service("WIRETEST").endpoint(server.uri("/insi"))
                    .credential(SoftwareCredential.of(cert.privateKey(), cert.chain()))
                    .tls(TlsOptions.builder().addTrustAnchor(pki.root()).build()).mtom(true).engine(engine).build()) {
                System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
                SoapRequest request = SoapRequest.builder().action("urn:insi:search")
                        .body(Xml.parse("<Q xmlns=\"urn:q\"><NomNaissance>DUPONT</NomNaissance><Prenom>JEANNE</Prenom>"
                                + "<DateNaissance>1992-01-31</DateNaissance><Document><xop:Include xmlns:xop=\""
                                + "http://www.w3.org/2004/08/xop/include\" href=\"cid:d1@x\"/></Document></Q>"))
                        .attachment(SoapAttachment.of("d1@x", "application/pdf",
                                () -> new ByteArrayInputStream("PDF-SECRET".getBytes(StandardCharsets.UTF_8))))
                        .build();
                client.call(request).close();
            } finally {
                System.setErr(original);
            }
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("io.segursdk.wire.WIRETEST").contains("urn:insi:search").contains("NomNaissance")
                .contains("[attachment d1@x, application/pdf]").contains("-->").contains("<--");
        assertThat(log).doesNotContain("DUPONT").doesNotContain("JEANNE").doesNotContain("MARTIN")
                .doesNotContain("1992").doesNotContain("2920138185001").doesNotContain("PDF-SECRET");
    }
}
