package io.segursdk.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.soap.support.Xml;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.server.ThreadSnapshot;
import io.segursdk.testkit.soap.InboundSoap;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Over the wire, on both engines: responses over {@link SoapClient.Builder#maxResponseBytes(long)} end in a
 * non-retryable TransportException without being read whole, the connection is dropped; SOAP 1.2 faults carried by
 * HTTP 400 (as the SOAP 1.2 HTTP binding sends Sender faults) and 500 are ServiceFaultExceptions.
 */
class SoapResponseLimitAndFault400Test {

    static final String ENV = "http://www.w3.org/2003/05/soap-envelope";
    static final String CT = "application/soap+xml; charset=utf-8";
    static final long LIMIT = 64 * 1024;

    static TestPki pki;
    static SimulatorServer server;
    static IssuedCredential org;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        org = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.REQUIRED).build().start();
        // 50 MiB of envelope, with and without Content-Length: the client must stop long before the end
        server.route("/huge-chunked", req -> SimResponse.builder().status(200).header("Content-Type", CT)
                .body(out -> hugeEnvelope(out, 50L * 1024 * 1024)).build());
        server.route("/huge-length", req -> SimResponse.of(200, CT, hugeBytes(2 * LIMIT)));
        server.route("/just-under", req -> SimResponse.of(200, CT, envelope(relatesTo(req),
                "<ok xmlns=\"urn:test\">" + "x".repeat((int) LIMIT - 1024) + "</ok>")));
        server.route("/huge-mtom", req -> SimResponse.builder().status(200)
                .header("Content-Type", "multipart/related; type=\"application/xop+xml\"; boundary=\"b1\";"
                        + " start=\"<root@x>\"; start-info=\"application/soap+xml\"")
                .body(out -> {
                    out.write(("--b1\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\""
                            + "\r\nContent-ID: <root@x>\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    hugeEnvelope(out, 4 * LIMIT);
                    out.write("\r\n--b1--\r\n".getBytes(StandardCharsets.US_ASCII));
                }).build());
        server.route("/sender400", req -> SimResponse.of(400, CT, envelope(relatesTo(req), "<e:Fault><e:Code>"
                + "<e:Value>e:Sender</e:Value><e:Subcode><e:Value>e:siram_40</e:Value></e:Subcode></e:Code>"
                + "<e:Reason><e:Text xml:lang=\"fr\">Requête invalide</e:Text></e:Reason><e:Detail><x:Erreur"
                + " xmlns:x=\"urn:siram\" code=\"insi_102\" messageID=\"uuid:aaaaaaaa-0000-4000-8000-000000000001\">"
                + "Requête invalide</x:Erreur></e:Detail></e:Fault>")));
        server.route("/receiver500", req -> SimResponse.of(500, CT, envelope(relatesTo(req), "<e:Fault><e:Code>"
                + "<e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text xml:lang=\"fr\">Indisponible</e:Text>"
                + "</e:Reason></e:Fault>")));
        server.route("/html400", req -> SimResponse.of(400, "text/html", "<html><body>Bad request</body></html>"));
        server.route("/empty400", req -> SimResponse.status(400));
        server.route("/notfault400", req -> SimResponse.of(400, CT, envelope(relatesTo(req), "<ok xmlns=\"urn:t\"/>")));
        // CXF starts one JVM-wide helper thread on its first call: start it before any thread snapshot
        for (SoapEngine engine : SoapEngine.values()) {
            try (SoapClient client = client("/just-under", engine); SoapResponse r = client.call(request())) {
                r.requireBody();
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String relatesTo(io.segursdk.testkit.server.SimRequest req) {
        return InboundSoap.parse(req.contentType().orElse(null), req.body()).messageId().orElse("uuid:none");
    }

    static String envelope(String relatesTo, String body) {
        return "<e:Envelope xmlns:e=\"" + ENV + "\" xmlns:a=\"http://www.w3.org/2005/08/addressing\"><e:Header>"
                + "<a:Action>urn:test:response</a:Action><a:MessageID>uuid:99999999-0000-4000-8000-000000000000"
                + "</a:MessageID><a:RelatesTo>" + relatesTo + "</a:RelatesTo></e:Header><e:Body>" + body
                + "</e:Body></e:Envelope>";
    }

    static void hugeEnvelope(OutputStream out, long size) throws java.io.IOException {
        out.write(("<e:Envelope xmlns:e=\"" + ENV + "\"><e:Body><big xmlns=\"urn:test\">")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        for (long written = 0; written < size; written += chunk.length) {
            out.write(chunk);
        }
        out.write("</big></e:Body></e:Envelope>".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hugeBytes(long size) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        hugeEnvelope(out, size);
        return out.toByteArray();
    }

    static SoapClient client(String path, SoapEngine engine) {
        return SoapClient.builder().service("INSi").endpoint(server.uri(path))
                .credential(SoftwareCredential.of(org.privateKey(), org.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .maxResponseBytes(LIMIT).engine(engine).build();
    }

    static SoapRequest request() {
        return SoapRequest.builder().action("urn:test:action").body(Xml.parse("<q xmlns=\"urn:test\">x</q>")).build();
    }

    /** Calls once, checks the failure is typed, then that no thread and no server-side connection is left. */
    static SegurException fails(String path, SoapEngine engine) {
        return fails(path, engine, false);
    }

    static SegurException fails(String path, SoapEngine engine, boolean dropsConnection) {
        ThreadSnapshot threads = ThreadSnapshot.take();
        int connections = server.openConnections();
        Throwable thrown;
        try (SoapClient client = client(path, engine)) {
            thrown = catchThrowable(() -> client.call(request()).close());
            assertThat(thrown).isInstanceOf(SegurException.class);
            if (dropsConnection && engine == SoapEngine.STANDARD) {
                // a body left unread: the standard engine drops its connection at once, not when the client closes
                awaitConnectionsAtMost(connections);
            }
        }
        assertThat(threads.newThreadsAfter(Duration.ofSeconds(10))).extracting(Thread::getName)
                .as("threads left behind").isEmpty();
        awaitConnectionsAtMost(connections);
        return (SegurException) thrown;
    }

    static void awaitConnectionsAtMost(int connections) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (server.openConnections() > connections && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(server.openConnections()).as("server-side connections").isLessThanOrEqualTo(connections);
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void chunkedResponseOverTheLimitIsRefusedWithoutReadingIt(SoapEngine engine) {
        SegurException e = fails("/huge-chunked", engine, true);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
            assertThat(t.isRetryable()).isFalse();
            assertThat(t.httpStatus()).isEqualTo(200);
            assertThat(t.getMessage()).contains("larger than the limit of " + LIMIT + " bytes");
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void declaredContentLengthOverTheLimitIsRefused(SoapEngine engine) {
        SegurException e = fails("/huge-length", engine, true);
        assertThat(e).isInstanceOf(TransportException.class).hasMessageContaining("larger than the limit");
        assertThat(e.isRetryable()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void mtomRootPartOverTheLimitIsRefused(SoapEngine engine) {
        SegurException e = fails("/huge-mtom", engine, true);
        assertThat(e).isInstanceOf(TransportException.class).hasMessageContaining("larger than the limit");
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void responseUnderTheLimitIsRead(SoapEngine engine) {
        try (SoapClient client = client("/just-under", engine); SoapResponse r = client.call(request())) {
            assertThat(r.requireBody().getLocalName()).isEqualTo("ok");
        }
    }

    @Test
    void limitIsValidated() {
        assertThatThrownBy(() -> SoapClient.builder().maxResponseBytes(10).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("soap.maxResponseBytes");
        assertThat(SoapClient.DEFAULT_MAX_RESPONSE_BYTES).isEqualTo(10L * 1024 * 1024);
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void soap12SenderFaultOverHttp400IsAServiceFault(SoapEngine engine) {
        SegurException e = fails("/sender400", engine);
        assertThat(e).isInstanceOfSatisfying(ServiceFaultException.class, f -> {
            assertThat(f.code()).contains("Sender");
            assertThat(f.subcode()).contains("siram_40");
            assertThat(f.detailCode()).contains("insi_102");
            assertThat(f.messageId()).contains("uuid:aaaaaaaa-0000-4000-8000-000000000001");
            assertThat(f.serviceMessage()).contains("Requête invalide");
            assertThat(f.isRetryable()).isFalse();
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void soap12ReceiverFaultOverHttp500IsARetryableServiceFault(SoapEngine engine) {
        SegurException e = fails("/receiver500", engine);
        assertThat(e).isInstanceOfSatisfying(ServiceFaultException.class, f -> {
            assertThat(f.code()).contains("Receiver");
            assertThat(f.isRetryable()).isTrue();
            assertThat(f.messageId()).hasValueSatisfying(id -> assertThat(id).startsWith("uuid:"));
        });
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void http400WithoutASoapFaultStaysATransportFailure(SoapEngine engine) {
        for (String path : new String[] {"/html400", "/empty400", "/notfault400"}) {
            SegurException e = fails(path, engine);
            assertThat(e).as(path).isInstanceOfSatisfying(TransportException.class, t -> {
                assertThat(t.httpStatus()).isEqualTo(400);
                assertThat(t.isRetryable()).isFalse();
            });
        }
    }
}
