package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.InsiResult;
import io.segursdk.testkit.insi.InsiSimulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The two ways of making the same INSi search by traits against the simulator, in professional-card mode: a fresh
 * assertion PS signed per call (RSA-SHA256, exclusive C14N), server-authenticated TLS, the answer parsed.
 */
public final class InsiCallers {

    /** How a call is made. */
    public enum Mode {
        /**
         * Plain HttpClient 5 POST of the bytes the SDK sent for the same search, with a freshly signed assertion
         * (same builder, same attributes) spliced in; the answer parsed with the JDK's DOM parser.
         */
        RAW,
        /** {@link InsiClient#searchByTraits} through the public API. */
        SDK
    }

    private static final Pattern ASSERTION = Pattern.compile("<([A-Za-z0-9_]+:)?Assertion[\\s>]");

    private InsiCallers() {
    }

    /**
     * @param mode     the way of calling
     * @param endpoint the simulator endpoint
     * @param signer   the professional's signature credential
     * @param tls      trust settings
     * @param template the bytes of a request the SDK sent (for {@link Mode#RAW})
     * @return a caller
     */
    public static Callers.Caller create(Mode mode, URI endpoint, SigningCredential signer, TlsOptions tls,
                                        byte[] template) {
        return switch (mode) {
            case RAW -> new Raw(endpoint, signer, tls, template);
            case SDK -> new Sdk(InsiScenario.client(endpoint, signer, tls));
        };
    }

    /** The SDK: one search by traits through {@link InsiClient}. */
    static final class Sdk implements Callers.Caller {
        private final InsiClient client;

        Sdk(InsiClient client) {
            this.client = client;
        }

        @Override
        public void call() {
            InsiResult result = client.searchByTraits(InsiScenario.traits());
            if (result.outcome() != InsiOutcome.FOUND) {
                throw new IllegalStateException("unexpected outcome " + result.outcome());
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** The assertion PS an INSi client signs per call in card mode (same builder and attributes as the SDK's). */
    static Element assertionPs(SigningCredential signer) {
        return SamlAssertionBuilder.create()
                .issuer(SamlName.x509Subject(signer.certificate()))
                .subject(SamlName.of(InsiScenario.NATIONAL_ID).withNameQualifier("CPS"))
                .attribute(SamlAttribute.ofText("identifiantFacturation", "123456789"))
                .attribute(SamlAttribute.ofText("secteurActivite", "SA07"))
                .sign(signer, SignatureAlgorithm.RSA_SHA256);
    }

    /**
     * The baseline: what a hand-written client does with the same request. Signs the same assertion, serialises it
     * with the JDK's identity transformer in place of the template's one, POSTs the bytes with HttpClient 5 (pooled,
     * same TLS protocols and trust) and parses the response with the JDK's DOM parser.
     */
    static final class Raw implements Callers.Caller {
        private final CloseableHttpClient http;
        private final URI endpoint;
        private final SigningCredential signer;
        private final byte[] head;
        private final byte[] tail;
        private final ThreadLocal<Transformer> transformer;
        private final ThreadLocal<DocumentBuilder> parser;

        Raw(URI endpoint, SigningCredential signer, TlsOptions tls, byte[] template) {
            this.endpoint = endpoint;
            this.signer = signer;
            String text = new String(template, StandardCharsets.UTF_8);
            Matcher m = ASSERTION.matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("the request template holds no assertion");
            }
            String prefix = m.group(1) == null ? "" : m.group(1);
            String endTag = "</" + prefix + "Assertion>";
            int end = text.indexOf(endTag, m.start()) + endTag.length();
            this.head = text.substring(0, m.start()).getBytes(StandardCharsets.UTF_8);
            this.tail = text.substring(end).getBytes(StandardCharsets.UTF_8);
            this.http = RawHttp.client(tls, null);
            this.transformer = RawHttp.identityTransformers();
            this.parser = RawHttp.domParsers();
        }

        @Override
        public void call() throws Exception {
            Element token = assertionPs(signer);
            ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + tail.length + 4096);
            out.write(head);
            transformer.get().transform(new DOMSource(token), new StreamResult(out));
            out.write(tail);
            byte[] answer = RawHttp.postSoap(http, endpoint, out.toByteArray(), InsiSimulator.ACTION_TRAITS);
            Document parsed = parser.get().parse(new ByteArrayInputStream(answer));
            NodeList codes = parsed.getElementsByTagNameNS("*", "CodeCR");
            if (codes.getLength() != 1 || !"00".equals(codes.item(0).getTextContent())) {
                throw new IllegalStateException("unexpected answer");
            }
        }

        @Override
        public void close() {
            http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
        }
    }
}
