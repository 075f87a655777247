package io.segursdk.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.soap.support.LoopbackServer;
import io.segursdk.core.soap.support.LoopbackServer.Reply;
import io.segursdk.core.soap.support.TestCerts;
import io.segursdk.core.soap.support.Xml;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.soap.InboundSoap;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SoapClientFaultTest {

    static final String ACTION = "urn:test:action";
    static final String MSG_ID = "uuid:11111111-2222-4333-8444-555555555555";

    static TestCerts pki;
    static TestCerts.Issued clientCert;
    static LoopbackServer server;

    @BeforeAll
    static void start() {
        pki = TestCerts.create("SOAP FAULT ROOT");
        clientCert = pki.client("INSI-AUTO");
        server = LoopbackServer.start(pki.server(), pki.root());
        server.route("/sender", req -> soap12(500, relatesTo(req),
                "<S:Fault xmlns:S=\"http://www.w3.org/2003/05/soap-envelope\"><S:Code><S:Value>S:Sender</S:Value><S:Subcode><S:Value>S:siram_100</S:Value></S:Subcode>"
                        + "</S:Code><S:Reason><S:Text xml:lang=\"fr\">L'accès par ce progiciel au service n'est pas"
                        + " autorisé.</S:Text></S:Reason><S:Detail><x:Erreur xmlns:x=\"urn:siram\" code=\"desir_550\""
                        + " messageID=\"uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f\" severite=\"erreur\">Numéro"
                        + " d'autorisation du logiciel inconnu.</x:Erreur></S:Detail></S:Fault>"));
        server.route("/receiver", req -> soap12(500, relatesTo(req),
                "<env:Fault xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason>"
                        + "<env:Text xml:lang=\"fr\">Service momentanément indisponible</env:Text></env:Reason>"
                        + "</env:Fault>"));
        server.route("/soap11", req -> Reply.of(500, "text/xml; charset=utf-8", ("<s11:Envelope xmlns:s11="
                + "\"http://schemas.xmlsoap.org/soap/envelope/\"><s11:Body><s11:Fault><faultcode>s11:Client"
                + "</faultcode><faultstring>Requête invalide</faultstring><detail><d:DMPInvalidCertificate"
                + " xmlns:d=\"urn:dmp\">Not a valid signature certificate</d:DMPInvalidCertificate></detail>"
                + "</s11:Fault></s11:Body></s11:Envelope>").getBytes(StandardCharsets.UTF_8)));
        server.route("/html503", req -> Reply.of(503, "text/html",
                "<html><body><h1>503 Service Unavailable</h1></body></html>".getBytes(StandardCharsets.UTF_8)));
        server.route("/malformed", req -> Reply.of(200, "application/soap+xml; charset=utf-8",
                "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><oops>"
                        .getBytes(StandardCharsets.UTF_8)));
        server.route("/html200", req -> Reply.of(200, "text/html", "<html><body>maintenance</body></html>"
                .getBytes(StandardCharsets.UTF_8)));
        server.route("/slow", req -> soap12(200, relatesTo(req), "<ok xmlns=\"urn:test\"/>").delayed(8000));
        server.route("/drop", req -> Reply.drop());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String relatesTo(LoopbackServer.Captured req) {
        return InboundSoap.parse(req.contentType(), req.body()).messageId().orElse(null);
    }

    static Reply soap12(int status, String relatesTo, String body) {
        String env = "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\""
                + "http://www.w3.org/2005/08/addressing\"><e:Header><a:Action>urn:test:response</a:Action>"
                + "<a:MessageID>uuid:99999999-0000-4000-8000-000000000000</a:MessageID>"
                + (relatesTo == null ? "" : "<a:RelatesTo>" + relatesTo + "</a:RelatesTo>")
                + "</e:Header><e:Body>" + body + "</e:Body></e:Envelope>";
        return Reply.of(status, "application/soap+xml; charset=utf-8", env.getBytes(StandardCharsets.UTF_8));
    }

    static SoapClient.Builder builder(URI endpoint, X509Certificate anchor) {
        return SoapClient.builder().service("INSi").endpoint(endpoint)
                .credential(SoftwareCredential.of(clientCert.privateKey(), clientCert.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(anchor).build())
                .timeouts(new Timeouts(Duration.ofSeconds(10), Duration.ofMillis(2500)));
    }

    static SegurException call(SoapClient.Builder builder) {
        try (SoapClient client = builder.build()) {
            Throwable t = catchThrowable(() -> client.call(SoapRequest.builder().action(ACTION)
                    .body(Xml.parse("<q xmlns=\"urn:test\">x</q>")).messageId(MSG_ID).build()).close());
            assertThat(t).isInstanceOf(SegurException.class);
            SegurException e = (SegurException) t;
            assertThat(e.service()).contains("INSi");
            return e;
        }
    }

    static SegurException call(String path, SoapEngine engine) {
        return call(builder(server.uri(path), pki.root()), engine);
    }

    static SegurException call(SoapClient.Builder builder, SoapEngine engine) {
        return call(builder.engine(engine));
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void soap12SenderFaultWithSubcodeAndSiramDetail(SoapEngine engine) {
        SegurException e = call("/sender", engine);
        assertThat(e).isInstanceOfSatisfying(ServiceFaultException.class, f -> {
            assertThat(f.code()).contains("Sender");
            assertThat(f.subcode()).contains("siram_100");
            assertThat(f.detailCode()).contains("desir_550");
            assertThat(f.messageId()).contains("uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f");
            assertThat(f.serviceMessage()).contains("L'accès par ce progiciel au service n'est pas autorisé.");
            assertThat(f.isRetryable()).isFalse();
            assertThat(f.detailAttribute("severite")).contains("erreur");
            assertThat(f.detailAttributes()).containsOnlyKeys("code", "messageID", "severite")
                    .containsEntry("code", "desir_550");
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void classifierSeesTheDetailAttributes(SoapEngine engine) {
        AtomicReference<SoapFault> seen = new AtomicReference<>();
        SoapClient.Builder clientBuilder = builder(server.uri("/sender"), pki.root()).faultClassifier(fault -> {
            seen.set(fault);
            return null;
        });
        call(clientBuilder, engine);
        assertThat(seen.get().detailAttribute("severite")).contains("erreur");
        assertThat(seen.get().detailAttribute("messageID")).contains("uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f");
        assertThat(seen.get().detailAttribute("absent")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void classifierTurnsSiram100IntoAccessDenied(SoapEngine engine) {
        // tag::classifier[]
        SoapFaultClassifier insi = fault -> fault.hasCode("siram_100")
                ? SoapFaultClassifier.Category.ACCESS_DENIED
                : null; // no opinion: the next classifier decides
        SoapClient.Builder clientBuilder = builder(server.uri("/sender"), pki.root())
                .faultClassifier(insi.orElse(SoapFaultClassifier.DEFAULT));
        // end::classifier[]
        SegurException e = call(clientBuilder, engine);
        assertThat(e).isInstanceOf(AccessDeniedException.class);
        assertThat(e.code()).contains("Sender");
        assertThat(e.subcode()).contains("siram_100");
        assertThat(e.messageId()).contains("uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f");
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void receiverFaultIsRetryableAndTakesTheMessageIdFromRelatesTo(SoapEngine engine) {
        SegurException e = call("/receiver", engine);
        assertThat(e).isInstanceOfSatisfying(ServiceFaultException.class, f -> {
            assertThat(f.code()).contains("Receiver");
            assertThat(f.subcode()).isEmpty();
            assertThat(f.detailCode()).isEmpty();
            assertThat(f.detailAttributes()).isEmpty();
            assertThat(f.serviceMessage()).contains("Service momentanément indisponible");
            assertThat(f.messageId()).contains(MSG_ID);
            assertThat(f.isRetryable()).isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void soap11Fault(SoapEngine engine) {
        SegurException e = call("/soap11", engine);
        assertThat(e).isInstanceOfSatisfying(ServiceFaultException.class, f -> {
            assertThat(f.code()).contains("Client");
            assertThat(f.detailCode()).contains("DMPInvalidCertificate");
            assertThat(f.serviceMessage()).contains("Requête invalide");
            assertThat(f.messageId()).contains(MSG_ID);
            assertThat(f.isRetryable()).isFalse();
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void http503WithHtmlIsARetryableTransportFailure(SoapEngine engine) {
        SegurException e = call("/html503", engine);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
            assertThat(t.httpStatus()).isEqualTo(503);
            assertThat(t.isRetryable()).isTrue();
            assertThat(t.messageId()).contains(MSG_ID);
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void malformedXmlIsANonRetryableTransportFailure(SoapEngine engine) {
        SegurException e = call("/malformed", engine);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
            assertThat(t.isRetryable()).isFalse();
            assertThat(t.messageId()).contains(MSG_ID);
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void wrongContentTypeIsANonRetryableTransportFailure(SoapEngine engine) {
        SegurException e = call("/html200", engine);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> assertThat(t.isRetryable()).isFalse());
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void readTimeoutIsRetryableAndSaysTheOutcomeIsUnknown(SoapEngine engine) {
        SegurException e = call("/slow", engine);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
            assertThat(t.isRetryable()).isTrue();
            assertThat(t.httpStatus()).isZero();
            assertThat(t.getMessage()).contains("Timed out waiting").contains("check before re-sending");
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void droppedConnectionIsRetryable(SoapEngine engine) {
        SegurException e = call("/drop", engine);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> assertThat(t.isRetryable()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void connectionRefusedIsRetryable(SoapEngine engine) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SegurException e = call(builder(URI.create("https://127.0.0.1:" + port + "/x"), pki.root()), engine);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
            assertThat(t.isRetryable()).isTrue();
            assertThat(t.getMessage()).contains("Cannot connect");
            assertThat(t.messageId()).contains(MSG_ID);
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void untrustedServerIsRefusedWithAClearMessage(SoapEngine engine) {
        TestCerts other = TestCerts.create("SOME OTHER ROOT");
        SegurException e = call(builder(server.uri("/sender"), other.root()), engine);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
            assertThat(t.isRetryable()).isFalse();
            assertThat(t.getMessage()).contains("not trusted").contains("trust anchors");
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void hostNameMismatchIsRefused(SoapEngine engine) {
        try (LoopbackServer wrongName = LoopbackServer.start(pki.serverFor("other.example"), pki.root())) {
            wrongName.route("/x", req -> soap12(200, null, "<ok xmlns=\"urn:test\"/>"));
            SegurException e = call(builder(wrongName.uri("/x"), pki.root()), engine);
            assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
                assertThat(t.isRetryable()).isFalse();
                assertThat(t.getMessage()).contains("does not match the host name");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void clientCertificateRefusedByTheServerIsAnAuthenticationFailure(SoapEngine engine) {
        TestCerts other = TestCerts.create("CLIENTS ROOT THE CLIENT DOES NOT HAVE");
        // TLS 1.2: the server checks the client certificate during the handshake and answers with an alert
        try (LoopbackServer strict = LoopbackServer.start(pki.server(), other.root(), "TLSv1.2")) {
            strict.route("/x", req -> soap12(200, null, "<ok xmlns=\"urn:test\"/>"));
            SegurException e = call(builder(strict.uri("/x"), pki.root()), engine);
            assertThat(e).isInstanceOf(AuthenticationException.class);
            assertThat(e.messageId()).contains(MSG_ID);
            assertThat(e.getMessage()).containsAnyOf("refused the TLS client certificate", "refused the certificate");
        }
    }
}
