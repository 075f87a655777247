package io.segursdk.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.soap.support.LoopbackServer;
import io.segursdk.core.soap.support.LoopbackServer.Reply;
import io.segursdk.core.soap.support.TestCerts;
import io.segursdk.core.soap.support.Xml;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SoapResponses;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

class SoapClientCallTest {

    static final String ACTION = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    static TestCerts pki;
    static TestCerts.Issued clientCert;
    static LoopbackServer server;
    static final Map<SoapEngine, SoapClient> clients = new EnumMap<>(SoapEngine.class);

    @BeforeAll
    static void start() {
        pki = TestCerts.create("SOAP TEST ROOT");
        clientCert = pki.client("INSI-AUTO");
        server = LoopbackServer.start(pki.server(), pki.root());
        server.route("/insi", req -> {
            InboundSoap in = InboundSoap.parse(req.contentType(), req.body());
            String name = in.payload().map(Element::getLocalName).orElse("none");
            return Reply.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope(ACTION + "Response",
                    in.messageId().orElse(null), "<r:Reponse xmlns:r=\"urn:test:reponse\"><r:Echo>" + name
                            + "</r:Echo></r:Reponse>"));
        });
        server.route("/oneway", req -> Reply.of(202, SoapResponses.CONTENT_TYPE, new byte[0]));
        clients.put(SoapEngine.STANDARD, clientFor(server.uri("/insi"), pki.root()));
        clients.put(SoapEngine.CXF, SoapClient.builder().service("INSi").endpoint(server.uri("/insi"))
                .credential(SoftwareCredential.of(clientCert.privateKey(), clientCert.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(pki.root()).build())
                .engine(SoapEngine.CXF)
                .build());
    }

    static SoapClient clientFor(URI endpoint, java.security.cert.X509Certificate anchor) {
        // tag::build[]
        return SoapClient.builder()
                .service("INSi")
                .endpoint(endpoint)
                .credential(SoftwareCredential.of(clientCert.privateKey(), clientCert.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(anchor).build())
                .build();
        // end::build[]
    }

    @AfterAll
    static void stop() {
        clients.values().forEach(SoapClient::close);
        server.close();
    }

    static SoapRequest.Builder request() {
        return SoapRequest.builder()
                .action(ACTION)
                .body(Xml.parse("<RECSANSVITALE xmlns=\"http://www.cnamts.fr/INSiRecSans\"><NomNaissance>TEST"
                        + "</NomNaissance></RECSANSVITALE>"));
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void sendsWsAddressingSecurityTokenAndCustomHeadersWithClientCertificate(SoapEngine engine) {
        SoapClient client = clients.get(engine);
        assertThat(client.engine()).isEqualTo(engine);
        Element lps = Xml.parse("<ctxlps:ContexteLPS xmlns:ctxlps=\"urn:siram:lps:ctxlps\" Nature=\"CTXLPS\""
                + " Version=\"01_00\"><ctxlps:Id>1f0e</ctxlps:Id></ctxlps:ContexteLPS>");
        Element bam = Xml.parse("<ctxbam:ContexteBAM xmlns:ctxbam=\"urn:siram:bam:ctxbam\" Nature=\"CTXBAM\""
                + " Version=\"01_02\"><ctxbam:COUVERTURE/></ctxbam:ContexteBAM>");
        // a token whose namespace prefix is declared on an ancestor only: it must still arrive well-formed
        Element wrapper = Xml.parse("<w:Wrapper xmlns:w=\"urn:w\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
                + "<saml:Assertion ID=\"_a1\" Version=\"2.0\">\n  <saml:Issuer>issuer</saml:Issuer>\n"
                + "</saml:Assertion></w:Wrapper>");
        Element token = (Element) wrapper.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                "Assertion").item(0);

        // tag::call[]
        SoapRequest request = SoapRequest.builder()
                .action(ACTION)
                .body(Xml.parse("<RECSANSVITALE xmlns=\"http://www.cnamts.fr/INSiRecSans\"><NomNaissance>TEST"
                        + "</NomNaissance></RECSANSVITALE>"))
                .header(lps)
                .header(bam)
                .securityToken(token) // e.g. the signed SAML assertion, placed inside wsse:Security
                .build();
        try (SoapResponse response = client.call(request)) {
            Element payload = response.requireBody();
            // end::call[]
            assertThat(payload.getLocalName()).isEqualTo("Reponse");
            assertThat(response.requireBody().getLocalName()).isEqualTo("Reponse");
            assertThat(response.requireBody().getTextContent()).isEqualTo("RECSANSVITALE");
            LoopbackServer.Captured req = server.lastRequest();
            InboundSoap in = InboundSoap.parse(req.contentType(), req.body());
            assertThat(in.isSoap12()).isTrue();
            assertThat(in.action()).contains(ACTION);
            assertThat(in.messageId()).hasValueSatisfying(id -> assertThat(id).matches(
                    "uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
            assertThat(in.to()).contains(server.uri("/insi").toString());
            assertThat(in.replyTo()).contains("http://www.w3.org/2005/08/addressing/anonymous");
            assertThat(response.relatesTo()).isEqualTo(in.messageId());
            assertThat(response.messageId()).isPresent();

            Element security = in.security().orElseThrow();
            assertThat(security.getNamespaceURI()).isEqualTo(WSSE);
            Element sent = InboundSoap.child(security, "urn:oasis:names:tc:SAML:2.0:assertion", "Assertion");
            assertThat(sent).isNotNull();
            assertThat(sent.getAttribute("ID")).isEqualTo("_a1");
            assertThat(sent.getTextContent()).isEqualTo(token.getTextContent());
            assertThat(in.header("urn:siram:lps:ctxlps", "ContexteLPS")).isPresent();
            assertThat(in.header("urn:siram:bam:ctxbam", "ContexteBAM")).isPresent();

            assertThat(req.clientChain()).isNotEmpty();
            assertThat(req.clientChain().get(0)).isEqualTo(clientCert.certificate());
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void explicitMessageIdIsSent(SoapEngine engine) {
        SoapClient client = clients.get(engine);
        try (SoapResponse response = client.call(request().messageId("uuid:00000000-0000-4000-8000-000000000001")
                .build())) {
            assertThat(response.relatesTo()).contains("uuid:00000000-0000-4000-8000-000000000001");
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void oneClientServesManyThreads(SoapEngine engine) throws Exception {
        SoapClient client = clients.get(engine);
        String tag = engine.name();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String id = "uuid:00000000-0000-4000-8000-" + String.format("%012d", i);
                String local = "Op" + tag + i;
                Callable<String> call = () -> {
                    SoapRequest r = SoapRequest.builder().action(ACTION + i(local))
                            .body(Xml.parse("<" + local + " xmlns=\"urn:test\"/>")).messageId(id).build();
                    try (SoapResponse resp = client.call(r)) {
                        return resp.relatesTo().orElseThrow() + "|" + resp.requireBody().getTextContent();
                    }
                };
                results.add(pool.submit(call));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo("uuid:00000000-0000-4000-8000-"
                        + String.format("%012d", i) + "|Op" + tag + i);
            }
            List<String> actions = server.captured().stream()
                    .map(c -> InboundSoap.parse(c.contentType(), c.body()))
                    .filter(in -> in.payload().map(p -> p.getLocalName().startsWith("Op" + tag)).orElse(false))
                    .map(in -> in.action().orElseThrow() + "=" + in.payload().orElseThrow().getLocalName())
                    .toList();
            assertThat(actions).hasSize(30).allSatisfy(a -> {
                String[] parts = a.split("=");
                assertThat(parts[0]).endsWith(":" + parts[1]);
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void anAcceptedOneWayCallHasAnEmptyBody(SoapEngine engine) {
        try (SoapClient oneWay = SoapClient.builder().service("INSi").endpoint(server.uri("/oneway"))
                .credential(SoftwareCredential.of(clientCert.privateKey(), clientCert.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(pki.root()).build()).engine(engine).build();
             SoapResponse response = oneWay.call(request().build())) {
            assertThat(response.body()).isEmpty();
            assertThat(response.attachments()).isEmpty();
        }
    }

    private static String i(String local) {
        return ":" + local;
    }

    @Test
    void builderReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> SoapClient.builder().endpoint(URI.create("http://example.org/x")).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .containsExactlyInAnyOrder("soap.service", "soap.endpoint", "soap.tls"));
        assertThatThrownBy(() -> SoapRequest.builder().build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .containsExactlyInAnyOrder("soap.action", "soap.body"));
    }
}
