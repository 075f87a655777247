package io.segursdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapEngine;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SignedAssertionVerifier;
import io.segursdk.testkit.soap.SoapCheckException;
import io.segursdk.testkit.soap.SoapResponses;

import java.net.URI;
import java.time.Duration;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The foundation end to end, over the wire: a SOAP 1.2 client built on sdk-core calls a testkit HTTPS endpoint with
 * client-certificate TLS and a signed SAML token in {@code wsse:Security}; the endpoint checks the TLS client
 * certificate, the WS-Addressing headers and the token's signature against the test PKI, with the JDK's own XML-DSig
 * (not the SDK's), as a national service would.
 */
class SecuredSoapCallContractTest {

    private static final String ACTION = "urn:segursdk:test:1.0:echo";
    private static final String NS = "urn:segursdk:test";

    private static TestPki pki;
    private static SimulatorServer server;
    private static SigningCredential organisation;
    private static SigningCredential professionalSignature;
    private static TlsOptions tls;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.REQUIRED).build().start();
        server.route("/echo", SecuredSoapCallContractTest::echo);
        organisation = credential(pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872")));
        professionalSignature = credential(pki.issueCps(
                CpsProfile.physician("10001234567").toBuilder().usage(CpsUsage.SIGNATURE).build()));
        tls = TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What the endpoint does: every check a national service makes, then an answer naming who was verified. */
    private static SimResponse echo(SimRequest http) {
        InboundSoap soap = InboundSoap.parse(http.contentType().orElse(null), http.body());
        String messageId = soap.messageId().orElse(null);
        try {
            if (!soap.isSoap12()) {
                throw new SoapCheckException("Sender", "VersionMismatch", "SOAP 1.2 expected");
            }
            if (!ACTION.equals(soap.action().orElse(null))) {
                throw new SoapCheckException("Sender", "ActionNotSupported", "unknown wsa:Action");
            }
            if (messageId == null || !messageId.startsWith("uuid:")) {
                throw new SoapCheckException("Sender", "InvalidAddressingHeader", "wsa:MessageID must be uuid:<UUID>");
            }
            if (!server.uri("/echo").toString().equals(soap.to().orElse(null))) {
                throw new SoapCheckException("Sender", "InvalidAddressingHeader", "wsa:To is not this endpoint");
            }
            X500Principal tlsClient = http.clientCertificate().orElseThrow().getSubjectX500Principal();
            Element security = soap.security().orElseThrow(
                    () -> new SoapCheckException("Sender", "InvalidSecurity", "wsse:Security missing"));
            SignedAssertionVerifier.VerifiedAssertion token =
                    SignedAssertionVerifier.forPki(pki).verifyIn(security);
            String payload = "<t:EchoResponse xmlns:t=\"" + NS + "\"><t:Subject>" + SoapResponses.escape(token.nameId())
                    + "</t:Subject><t:TlsClient>" + SoapResponses.escape(tlsClient.getName())
                    + "</t:TlsClient><t:SignatureMethod>" + token.signatureAlgorithm() + "</t:SignatureMethod></t:EchoResponse>";
            return SimResponse.of(200, SoapResponses.CONTENT_TYPE,
                    SoapResponses.envelope(ACTION + "Response", messageId, payload));
        } catch (SoapCheckException e) {
            return SimResponse.of(500, SoapResponses.CONTENT_TYPE, SoapResponses.fault(e, messageId));
        }
    }

    private static SigningCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }

    private static SoapClient client(SigningCredential tlsIdentity, TlsOptions trust, SoapEngine engine) {
        return SoapClient.builder().service("echo").endpoint(server.uri("/echo")).credential(tlsIdentity).tls(trust)
                .engine(engine).build();
    }

    private static Element assertion(Document target, SignatureAlgorithm algorithm) {
        return SamlAssertionBuilder.create()
                .issuer(SamlName.x509Subject(professionalSignature.certificate()))
                .subject(SamlName.of("810001234567").withNameQualifier("CPS"))
                .validFor(Duration.ofMinutes(10))
                .attribute(SamlAttribute.ofText("secteurActivite", "SA07"))
                .sign(professionalSignature, algorithm, target);
    }

    private static SoapRequest request(Element token) {
        Document doc = token.getOwnerDocument();
        Element body = doc.createElementNS(NS, "t:Echo");
        body.setTextContent("bonjour");
        return SoapRequest.builder().action(ACTION).body(body).securityToken(token).build();
    }

    private static String text(Element parent, String localName) {
        return parent.getElementsByTagNameNS(NS, localName).item(0).getTextContent();
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void signedTokenOverMutualTlsIsVerifiedByTheService(SoapEngine engine) {
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.RSA_SHA256,
                SignatureAlgorithm.RSA_PSS_SHA256}) {
            Document doc = SecureXml.instance().newDocument();
            try (SoapClient client = client(organisation, tls, engine);
                 SoapResponse response = client.call(request(assertion(doc, algorithm)))) {
                Element body = response.requireBody();
                assertThat(text(body, "Subject")).isEqualTo("810001234567");
                assertThat(text(body, "TlsClient")).contains("CN=INSI-AUTO").contains("OU=10B0152872");
                assertThat(text(body, "SignatureMethod")).isEqualTo(algorithm.xmlDsigUri());
                assertThat(response.relatesTo()).isEqualTo(
                        java.util.Optional.ofNullable(server.lastRequest()).map(r ->
                                InboundSoap.parse(r.contentType().orElse(null), r.body()).messageId().orElseThrow()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void tamperedTokenIsRefusedAndTheFaultIsTyped(SoapEngine engine) {
        Document doc = SecureXml.instance().newDocument();
        Element token = assertion(doc, SignatureAlgorithm.RSA_SHA256);
        // Change the professional's sector after signing.
        Node value = token.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "AttributeValue").item(0);
        value.setTextContent("SA05");
        try (SoapClient client = client(organisation, tls, engine)) {
            SoapRequest request = request(token);
            assertThatThrownBy(() -> client.call(request))
                    .isInstanceOfSatisfying(ServiceFaultException.class, e -> {
                        assertThat(e.code()).contains("Sender");
                        assertThat(e.subcode()).contains("FailedCheck");
                        assertThat(e.service()).contains("echo");
                        assertThat(e.messageId()).hasValueSatisfying(id -> assertThat(id).startsWith("uuid:"));
                        assertThat(e.serviceMessage()).hasValueSatisfying(m -> assertThat(m).contains("altered"));
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void signatureWrappingIsRefused(SoapEngine engine) {
        Document doc = SecureXml.instance().newDocument();
        Element genuine = assertion(doc, SignatureAlgorithm.RSA_SHA256);
        // A forged assertion with the genuine one's ID and signature, the genuine one hidden inside it.
        Element forged = (Element) genuine.cloneNode(true);
        Element nameId = (Element) forged.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0);
        nameId.setTextContent("899999999999");
        Element advice = doc.createElementNS("urn:oasis:names:tc:SAML:2.0:assertion", "saml2:Advice");
        advice.appendChild(genuine);
        forged.appendChild(advice);
        try (SoapClient client = client(organisation, tls, engine)) {
            SoapRequest request = request(forged);
            assertThatThrownBy(() -> client.call(request))
                    .isInstanceOfSatisfying(ServiceFaultException.class,
                            e -> assertThat(e.subcode()).contains("FailedCheck"));
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void tokenSignedOutsideTheTrustedPkiIsRefused(SoapEngine engine) {
        TestPki other = TestPki.create("AUTRE");
        SigningCredential stranger = credential(other.issueCps(
                CpsProfile.physician("10009999999").toBuilder().usage(CpsUsage.SIGNATURE).build()));
        Document doc = SecureXml.instance().newDocument();
        Element token = SamlAssertionBuilder.create()
                .issuer(SamlName.x509Subject(stranger.certificate()))
                .subject(SamlName.of("810009999999").withNameQualifier("CPS"))
                .validFor(Duration.ofMinutes(10))
                .sign(stranger, SignatureAlgorithm.RSA_SHA256, doc);
        try (SoapClient client = client(organisation, tls, engine)) {
            SoapRequest request = request(token);
            assertThatThrownBy(() -> client.call(request))
                    .isInstanceOfSatisfying(ServiceFaultException.class,
                            e -> assertThat(e.subcode()).contains("InvalidSecurityToken"));
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void clientCertificateFromAnotherPkiIsRefusedAtTheHandshake(SoapEngine engine) {
        TestPki other = TestPki.create("AUTRE");
        SigningCredential stranger = credential(other.issueOrganisation(OrganisationProfile.insiAuto("10B0000000")));
        int before = server.captured().size();
        try (SoapClient client = client(stranger, tls, engine)) {
            SoapRequest request = request(assertion(SecureXml.instance().newDocument(), SignatureAlgorithm.RSA_SHA256));
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> client.call(request));
            if (engine == SoapEngine.STANDARD) {
                // The standard engine recognises the server's refusal of its certificate, even under TLS 1.3.
                assertThat(refused).isInstanceOf(AuthenticationException.class);
                assertThat(((SegurException) refused).isRetryable()).isFalse();
            } else {
                // Under TLS 1.3 the CXF engine may only see the connection reset that follows the refusal
                // (documented in docs/soap.md): a typed transport failure, never a response.
                assertThat(refused).isInstanceOfAny(AuthenticationException.class, TransportException.class);
            }
        }
        assertThat(server.captured()).hasSize(before);
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void serverOutsideTheConfiguredTrustIsRefused(SoapEngine engine) {
        TlsOptions wrongTrust = TlsOptions.builder().addTrustAnchor(TestPki.create("AUTRE").rootCertificate()).build();
        int before = server.captured().size();
        try (SoapClient client = client(organisation, wrongTrust, engine)) {
            SoapRequest request = request(assertion(SecureXml.instance().newDocument(), SignatureAlgorithm.RSA_SHA256));
            assertThatThrownBy(() -> client.call(request))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).containsIgnoringCase("certificate");
                    });
        }
        assertThat(server.captured()).hasSize(before);
    }

    @Test
    void endpointMustBeHttps() {
        URI plain = URI.create("http://127.0.0.1:" + server.port() + "/echo");
        assertThatThrownBy(() -> SoapClient.builder().service("echo").endpoint(plain).credential(organisation)
                .tls(tls).build())
                .isInstanceOf(io.segursdk.core.error.InvalidRequestException.class)
                .hasMessageContaining("endpoint");
    }
}
