package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapEngine;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.core.xml.SecureXml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The three ways of making the same INSi-like call: the raw baseline and the SDK on each engine. Every call signs a
 * fresh SAML assertion (what the INSi protocol requires per call), sends it in {@code wsse:Security} with a
 * {@code ContexteLPS} header and a search payload, and parses the response.
 */
public final class Callers {

    /** The operation's action. */
    public static final String ACTION = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";
    static final String INSI_NS = "http://www.cnamts.fr/INSiRecSans";
    static final String LPS_NS = "urn:siram:lps:ctxlps";
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSA = "http://www.w3.org/2005/08/addressing";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    /** How a call is made. */
    public enum Mode {
        /** Plain HttpClient 5 POST of hand-assembled bytes, same TLS, same per-call signature, response parsed. */
        RAW,
        /** SoapClient on the standard engine. */
        STANDARD,
        /** SoapClient on the CXF engine. */
        CXF
    }

    /** One caller; thread-safe. */
    public interface Caller extends AutoCloseable {
        /**
         * Makes one call and checks its answer.
         *
         * @throws Exception on failure
         */
        void call() throws Exception;

        @Override
        void close();
    }

    private Callers() {
    }

    /**
     * @param mode         the way of calling
     * @param endpoint     the simulator endpoint
     * @param tlsIdentity  the TLS client credential
     * @param signer       the professional's signing credential
     * @param tls          trust anchors and protocols
     * @return a caller
     */
    public static Caller create(Mode mode, URI endpoint, SigningCredential tlsIdentity, SigningCredential signer,
                                TlsOptions tls) {
        return switch (mode) {
            case RAW -> new Raw(endpoint, tlsIdentity, signer, tls);
            case STANDARD -> new Sdk(SoapEngine.STANDARD, endpoint, tlsIdentity, signer, tls);
            case CXF -> new Sdk(SoapEngine.CXF, endpoint, tlsIdentity, signer, tls);
        };
    }

    static Element signedAssertion(SigningCredential signer, Document target) {
        return SamlAssertionBuilder.create()
                .issuer(SamlName.x509Subject(signer.certificate()))
                .subject(SamlName.of("810001234567").withNameQualifier("CPS"))
                .validFor(Duration.ofMinutes(10))
                .attribute(SamlAttribute.ofText("secteurActivite", "SA07"))
                .attribute(SamlAttribute.ofText("structureID", "10B0152872"))
                .sign(signer, SignatureAlgorithm.RSA_SHA256, target);
    }

    /** SoapClient with a per-call signed assertion, built through the public API only. */
    static final class Sdk implements Caller {
        private final SoapClient client;
        private final SigningCredential signer;

        Sdk(SoapEngine engine, URI endpoint, SigningCredential tlsIdentity, SigningCredential signer, TlsOptions tls) {
            this.signer = signer;
            this.client = SoapClient.builder().service("INSi").endpoint(endpoint).credential(tlsIdentity).tls(tls)
                    .engine(engine).build();
        }

        @Override
        public void call() {
            Document doc = SecureXml.instance().newDocument();
            Element token = signedAssertion(signer, doc);
            Element lps = doc.createElementNS(LPS_NS, "ctxlps:ContexteLPS");
            lps.setAttributeNS(null, "Nature", "CTXLPS");
            lps.appendChild(doc.createElementNS(LPS_NS, "ctxlps:Id")).setTextContent(UUID.randomUUID().toString());
            Element body = doc.createElementNS(INSI_NS, "RECSANSVITALE");
            body.appendChild(doc.createElementNS(INSI_NS, "NomNaissance")).setTextContent("DUPONT");
            body.appendChild(doc.createElementNS(INSI_NS, "Prenom")).setTextContent("JEANNE");
            body.appendChild(doc.createElementNS(INSI_NS, "Sexe")).setTextContent("F");
            body.appendChild(doc.createElementNS(INSI_NS, "DateNaissance")).setTextContent("1992-01-31");
            SoapRequest request = SoapRequest.builder().action(ACTION).header(lps).securityToken(token).body(body)
                    .build();
            try (SoapResponse response = client.call(request)) {
                if (!"RESULTAT".equals(response.requireBody().getLocalName())) {
                    throw new IllegalStateException("unexpected answer");
                }
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * The baseline: what a hand-written client does. It signs the same assertion, serialises it with the JDK's
     * identity transformer into fixed envelope text, POSTs the bytes with HttpClient 5 (pooled, same TLS protocols and
     * suites, client certificate) and parses the response with the JDK's DOM parser.
     */
    static final class Raw implements Caller {
        private final CloseableHttpClient http;
        private final URI endpoint;
        private final SigningCredential signer;
        private final ThreadLocal<Transformer> transformer;
        private final ThreadLocal<DocumentBuilder> parser;

        Raw(URI endpoint, SigningCredential tlsIdentity, SigningCredential signer, TlsOptions tls) {
            this.endpoint = endpoint;
            this.signer = signer;
            this.http = RawHttp.client(tls, tlsIdentity);
            this.transformer = RawHttp.identityTransformers();
            this.parser = RawHttp.domParsers();
        }

        @Override
        public void call() throws Exception {
            Document doc = SecureXml.instance().newDocument();
            Element token = signedAssertion(signer, doc);
            ByteArrayOutputStream tokenBytes = new ByteArrayOutputStream(4096);
            transformer.get().transform(new DOMSource(token), new StreamResult(tokenBytes));
            String messageId = "uuid:" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream(6144);
            out.write(("<env:Envelope xmlns:env=\"" + SOAP12 + "\"><env:Header><wsse:Security xmlns:wsse=\"" + WSSE
                    + "\">").getBytes(StandardCharsets.UTF_8));
            tokenBytes.writeTo(out);
            out.write(("</wsse:Security><ctxlps:ContexteLPS xmlns:ctxlps=\"" + LPS_NS + "\" Nature=\"CTXLPS\">"
                    + "<ctxlps:Id>" + UUID.randomUUID() + "</ctxlps:Id></ctxlps:ContexteLPS>"
                    + "<Action xmlns=\"" + WSA + "\" env:mustUnderstand=\"true\">" + ACTION + "</Action>"
                    + "<MessageID xmlns=\"" + WSA + "\" env:mustUnderstand=\"true\">" + messageId + "</MessageID>"
                    + "<To xmlns=\"" + WSA + "\" env:mustUnderstand=\"true\">" + endpoint + "</To>"
                    + "<ReplyTo xmlns=\"" + WSA + "\" env:mustUnderstand=\"true\"><Address>" + WSA + "/anonymous"
                    + "</Address></ReplyTo></env:Header><env:Body><RECSANSVITALE xmlns=\"" + INSI_NS + "\">"
                    + "<NomNaissance>DUPONT</NomNaissance><Prenom>JEANNE</Prenom><Sexe>F</Sexe>"
                    + "<DateNaissance>1992-01-31</DateNaissance></RECSANSVITALE></env:Body></env:Envelope>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] answer = RawHttp.postSoap(http, endpoint, out.toByteArray(), ACTION);
            Document parsed = parser.get().parse(new ByteArrayInputStream(answer));
            Element body = (Element) parsed.getDocumentElement().getElementsByTagNameNS(SOAP12, "Body").item(0);
            Element first = (Element) body.getElementsByTagNameNS("*", "*").item(0);
            if (!"RESULTAT".equals(first.getLocalName())) {
                throw new IllegalStateException("unexpected answer");
            }
        }

        @Override
        public void close() {
            http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
        }
    }
}
