package io.segursdk.cardreader;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SignedAssertionVerifier;
import io.segursdk.testkit.soap.SoapCheckException;
import io.segursdk.testkit.soap.SoapResponses;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The card end to end, through PKCS#11 (SoftHSM2 standing in for the Cryptolib CPS): the card's signature key signs a
 * SAML token, the card's authentication key authenticates the TLS connection of a SOAP call to a testkit server,
 * and the server verifies both against the test PKI, exactly as with a software credential.
 */
class CardEndToEndTest {

    private static final String NS = "urn:segursdk:test";
    private final SoftHsm hsm = SoftHsm.get();

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"RSA_SHA256", "RSA_PSS_SHA256"})
    void cardSignsTheTokenAndAuthenticatesTheConnection(SignatureAlgorithm algorithm) {
        try (SimulatorServer server = SimulatorServer.builder().pki(hsm.pki).clientAuth(ClientAuth.REQUIRED).build().start();
             CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-MEDECIN"), SoftHsm.pin("CPS-MEDECIN"))) {
            server.route("/echo", this::verifyingEndpoint);
            SigningCredential tls = card.authenticationCredential();
            SigningCredential signature = card.signatureCredential();

            Document doc = SecureXml.instance().newDocument();
            Element token = SamlAssertionBuilder.create()
                    .issuer(SamlName.x509Subject(signature.certificate()))
                    .subject(SamlName.of(card.holder().orElseThrow().nationalId()).withNameQualifier("CPS"))
                    .validFor(Duration.ofMinutes(10))
                    .attribute(SamlAttribute.ofText("secteurActivite", "SA07"))
                    .sign(signature, algorithm, doc);
            Element body = doc.createElementNS(NS, "t:Echo");

            try (SoapClient client = SoapClient.builder().service("echo").endpoint(server.uri("/echo"))
                    .credential(tls).tls(TlsOptions.builder().addTrustAnchor(hsm.pki.rootCertificate()).build())
                    .build();
                 SoapResponse response = client.call(SoapRequest.builder().action("urn:segursdk:test:echo")
                         .body(body).securityToken(token).build())) {
                assertThat(response.requireBody().getTextContent())
                        .isEqualTo(card.holder().orElseThrow().nationalId() + " " + algorithm.xmlDsigUri());
            }
            assertThat(server.lastRequest().clientCertificate()).contains(tls.certificate());
            assertThat(tls.certificate()).isNotEqualTo(signature.certificate());
        }
    }

    private SimResponse verifyingEndpoint(SimRequest http) {
        InboundSoap soap = InboundSoap.parse(http.contentType().orElse(null), http.body());
        String messageId = soap.messageId().orElse(null);
        try {
            SignedAssertionVerifier.VerifiedAssertion verified = SignedAssertionVerifier.forPki(hsm.pki)
                    .verifyIn(soap.security().orElseThrow(() -> new SoapCheckException("Sender", "no wsse:Security")));
            return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope("urn:segursdk:test:echoResponse",
                    messageId, "<t:R xmlns:t=\"" + NS + "\">" + verified.nameId() + " " + verified.signatureAlgorithm()
                            + "</t:R>"));
        } catch (SoapCheckException e) {
            return SimResponse.of(500, SoapResponses.CONTENT_TYPE, SoapResponses.fault(e, messageId));
        }
    }
}
