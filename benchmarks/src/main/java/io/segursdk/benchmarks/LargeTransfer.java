package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.soap.SoapAttachment;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapEngine;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.core.xml.SecureXml;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Run in a JVM with a small heap: sends one document of the given size as an MTOM attachment (feed), then receives
 * one (retrieve), reading it from the response's attachment stream, and prints the durations and the peak heap.
 */
public final class LargeTransfer {

    private LargeTransfer() {
    }

    /**
     * @param args engine, base URI of {@link BulkServer}, directory of credentials, size in bytes
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        SoapEngine engine = SoapEngine.valueOf(args[0]);
        URI base = URI.create(args[1]);
        Path dir = Path.of(args[2]);
        long size = Long.parseLong(args[3]);
        X509Certificate root;
        try (InputStream in = Files.newInputStream(dir.resolve("root.der"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        SoftwareCredential tls = SoftwareCredential.fromPkcs12(dir.resolve("tls.p12"), Scenario.PASSWORD);
        TlsOptions options = TlsOptions.builder().addTrustAnchor(root).build();
        long feedMillis;
        long retrieveMillis;
        try (SoapClient feed = client(engine, base.resolve("/feed"), tls, options);
             SoapClient retrieve = client(engine, base.resolve("/retrieve"), tls, options)) {
            Document doc = SecureXml.instance().newDocument();
            Element body = doc.createElementNS("urn:bench", "Provide");
            Element document = (Element) body.appendChild(doc.createElementNS("urn:bench", "Document"));
            SoapAttachment attachment = SoapAttachment.of("doc@bench", "application/pdf", () -> new Payload(size));
            Element include = doc.createElementNS("http://www.w3.org/2004/08/xop/include", "xop:Include");
            include.setAttributeNS(null, "href", attachment.href());
            document.appendChild(include);
            long t0 = System.nanoTime();
            try (SoapResponse response = feed.call(SoapRequest.builder().action("urn:bench:feed").body(body)
                    .attachment(attachment).build())) {
                long received = Long.parseLong(response.requireBody().getTextContent().trim());
                if (received < size) {
                    throw new IllegalStateException("the server received " + received + " bytes, fewer than " + size);
                }
            }
            feedMillis = (System.nanoTime() - t0) / 1_000_000;

            Element ask = SecureXml.instance().newDocument().createElementNS("urn:bench", "Retrieve");
            ask.appendChild(ask.getOwnerDocument().createElementNS("urn:bench", "Size"))
                    .setTextContent(Long.toString(size));
            long t1 = System.nanoTime();
            try (SoapResponse response = retrieve.call(SoapRequest.builder().action("urn:bench:retrieve").body(ask)
                    .build());
                 InputStream in = response.attachment("cid:doc@bench").orElseThrow().open()) {
                Payload.verify(in, size);
            }
            retrieveMillis = (System.nanoTime() - t1) / 1_000_000;
        }
        Payload.reportAndExit(feedMillis, retrieveMillis);
    }

    private static SoapClient client(SoapEngine engine, URI endpoint, SoftwareCredential tls, TlsOptions options) {
        return SoapClient.builder().service("DMP").endpoint(endpoint).credential(tls).tls(options).mtom(true)
                .engine(engine).build();
    }
}
