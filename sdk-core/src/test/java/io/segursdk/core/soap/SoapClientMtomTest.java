package io.segursdk.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.soap.support.LoopbackServer;
import io.segursdk.core.soap.support.LoopbackServer.Reply;
import io.segursdk.core.soap.support.TestCerts;
import io.segursdk.core.soap.support.Xml;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.soap.InboundSoap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

class SoapClientMtomTest {

    static final String XOP = "http://www.w3.org/2004/08/xop/include";
    static final String XDS = "urn:ihe:iti:xds-b:2007";

    static TestCerts pki;
    static LoopbackServer server;
    static final java.util.Map<SoapEngine, SoapClient> clients = new java.util.EnumMap<>(SoapEngine.class);
    static byte[] document;

    @BeforeAll
    static void start() {
        pki = TestCerts.create("MTOM ROOT");
        TestCerts.Issued clientCert = pki.client("DMP-CLIENT");
        document = new byte[Integer.getInteger("mtomTestSize", 3 * 1024 * 1024 + 17)];
        new Random(42).nextBytes(document);
        server = LoopbackServer.start(pki.server(), pki.root());
        server.route("/repository", req -> Reply.of(200, "application/soap+xml; charset=utf-8",
                ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><ok xmlns=\"urn:test\"/>"
                        + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8)));
        server.route("/retrieve", req -> mtomResponse());
        server.route("/retrieve-fault", req -> mtomFault());
        for (SoapEngine engine : SoapEngine.values()) {
            clients.put(engine, SoapClient.builder().service("DMP").endpoint(server.uri("/repository"))
                    .credential(SoftwareCredential.of(clientCert.privateKey(), clientCert.chain()))
                    .tls(TlsOptions.builder().addTrustAnchor(pki.root()).build())
                    .mtom(true)
                    .engine(engine)
                    .build());
        }
    }

    @AfterAll
    static void stop() {
        clients.values().forEach(SoapClient::close);
        server.close();
    }

    static Reply mtomResponse() throws Exception {
        String boundary = "uuid:segur-test-boundary";
        String root = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\""
                + "http://www.w3.org/2005/08/addressing\"><s:Header><a:Action>urn:ihe:iti:2007:"
                + "RetrieveDocumentSetResponse</a:Action></s:Header><s:Body><x:RetrieveDocumentSetResponse xmlns:x=\""
                + XDS + "\"><x:DocumentResponse><x:DocumentUniqueId>1.2.3</x:DocumentUniqueId><x:Document>"
                + "<xop:Include xmlns:xop=\"" + XOP + "\" href=\"cid:doc1%40dmp.test\"/></x:Document>"
                + "</x:DocumentResponse></x:RetrieveDocumentSetResponse></s:Body></s:Envelope>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\""
                + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <root@dmp.test>\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(root.getBytes(StandardCharsets.UTF_8));
        out.write(("\r\n--" + boundary + "\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-ID: <doc1@dmp.test>\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(document);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String type = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary + "\"; start=\""
                + "<root@dmp.test>\"; start-info=\"application/soap+xml\"";
        return Reply.of(200, type, out.toByteArray());
    }

    static Reply mtomFault() {
        String boundary = "uuid:segur-fault-boundary";
        String root = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code>"
                + "<s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"fr\">Accès refusé</s:Text>"
                + "</s:Reason><s:Detail><d:DMPAccessDenied xmlns:d=\"urn:dmp\"/></s:Detail></s:Fault></s:Body>"
                + "</s:Envelope>";
        String body = "--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\""
                + "application/soap+xml\"\r\nContent-ID: <root@dmp.test>\r\n\r\n" + root + "\r\n--" + boundary
                + "--\r\n";
        return Reply.of(500, "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                + "\"; start=\"<root@dmp.test>\"; start-info=\"application/soap+xml\"",
                body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void aFaultInsideAnMtomPackageIsStillAFault(SoapEngine engine) {
        TestCerts.Issued cert = pki.client("DMP-CLIENT");
        try (SoapClient c = SoapClient.builder().service("DMP").endpoint(server.uri("/retrieve-fault"))
                .credential(SoftwareCredential.of(cert.privateKey(), cert.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(pki.root()).build()).mtom(true).engine(engine).build()) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> c.call(SoapRequest.builder()
                    .action("urn:ihe:iti:2007:RetrieveDocumentSet")
                    .body(Xml.parse("<x:RetrieveDocumentSetRequest xmlns:x=\"" + XDS + "\"/>")).build()));
            assertThat(t).isInstanceOfSatisfying(io.segursdk.core.error.ServiceFaultException.class, f -> {
                assertThat(f.code()).contains("Sender");
                assertThat(f.detailCode()).contains("DMPAccessDenied");
                assertThat(f.serviceMessage()).contains("Accès refusé");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void sendsAnXopPackageWithTheAttachmentAsABinaryPart(SoapEngine engine) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        SoapAttachment pdf = SoapAttachment.of("doc1@segursdk.io", "application/pdf", () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(document);
        });
        Element body = Xml.parse("<x:ProvideAndRegisterDocumentSetRequest xmlns:x=\"" + XDS + "\"><x:Document id=\"D1\">"
                + "<xop:Include xmlns:xop=\"" + XOP + "\" href=\"" + pdf.href() + "\"/></x:Document>"
                + "</x:ProvideAndRegisterDocumentSetRequest>");
        SoapRequest request = SoapRequest.builder().action("urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b")
                .body(body).attachment(pdf).build();

        try (SoapResponse response = clients.get(engine).call(request)) {
            assertThat(response.requireBody().getLocalName()).isEqualTo("ok");
        }
        LoopbackServer.Captured req = server.lastRequest();
        assertThat(req.contentType()).startsWith("multipart/related").contains("application/xop+xml");
        InboundSoap in = InboundSoap.parse(req.contentType(), req.body());
        assertThat(in.isMtom()).isTrue();
        Element sentDoc = InboundSoap.child(in.payload().orElseThrow(), XDS, "Document");
        Element include = InboundSoap.child(sentDoc, XOP, "Include");
        assertThat(include).isNotNull();
        assertThat(include.getAttribute("href")).isEqualTo("cid:doc1@segursdk.io");
        assertThat(in.attachments()).containsKey("doc1@segursdk.io");
        assertThat(in.attachments().get("doc1@segursdk.io")).isEqualTo(document);
        assertThat(in.binaryContent(sentDoc)).isEqualTo(document);
        assertThat(opened.get()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SoapEngine.class)
    void streamsTheAttachmentOfAnMtomResponse(SoapEngine engine) throws Exception {
        TestCerts.Issued cert = pki.client("DMP-CLIENT");
        try (SoapClient c = SoapClient.builder().service("DMP").endpoint(server.uri("/retrieve"))
                .credential(SoftwareCredential.of(cert.privateKey(), cert.chain()))
                .tls(TlsOptions.builder().addTrustAnchor(pki.root()).build()).mtom(true).engine(engine).build();
             SoapResponse response = c.call(SoapRequest.builder().action("urn:ihe:iti:2007:RetrieveDocumentSet")
                     .body(Xml.parse("<x:RetrieveDocumentSetRequest xmlns:x=\"" + XDS + "\"/>")).build())) {
            Element docResponse = InboundSoap.child(response.requireBody(), XDS, "DocumentResponse");
            Element doc = InboundSoap.child(docResponse, XDS, "Document");
            Element include = InboundSoap.child(doc, XOP, "Include");
            assertThat(include).as("the body keeps the xop:Include reference").isNotNull();
            SoapAttachment attachment = response.attachment(include.getAttribute("href")).orElseThrow();
            assertThat(attachment.contentType()).startsWith("application/pdf");
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            MessageDigest actual = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (InputStream in = attachment.open()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    actual.update(buf, 0, n);
                    total += n;
                }
            }
            assertThat(total).isEqualTo(document.length);
            assertThat(Arrays.equals(actual.digest(), expected.digest(document))).isTrue();
        }
    }
}
