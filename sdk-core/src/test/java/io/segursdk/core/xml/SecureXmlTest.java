package io.segursdk.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.TransportException;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SecureXmlTest {

    private final SecureXml xml = SecureXml.instance();

    @Test
    void parsesNamespacedXmlWithBuiltInEntitiesAndRoundTrips() {
        String source = "<a:root xmlns:a=\"urn:a\" x=\"1 &amp; 2\"><a:child>&lt;text&gt; &amp; more &#233;</a:child></a:root>";
        Document doc = xml.parse(source.getBytes(StandardCharsets.UTF_8));
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("urn:a");
        assertThat(root.getAttribute("x")).isEqualTo("1 & 2");
        assertThat(root.getTextContent()).isEqualTo("<text> & more é");

        Document again = xml.parse(xml.serialize(doc));
        assertThat(again.getDocumentElement().getTextContent()).isEqualTo("<text> & more é");
        assertThat(xml.toString(root)).startsWith("<a:root").doesNotContain("<?xml");
    }

    @Test
    void refusesXxeWithAClearError(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        assertThatThrownBy(() -> xml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void refusesExternalDtd() {
        String dtd = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/evil.dtd\"><r/>";
        assertThatThrownBy(() -> xml.parse(dtd.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                b.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            b.append("\">");
        }
        b.append("]><lolz>&lol9;</lolz>");
        MalformedXmlException e = (MalformedXmlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> xml.parse(b.toString()));
        assertThat(e).hasMessageContaining("DOCTYPE");
        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void refusesXInclude() {
        String xi = "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></r>";
        Document doc = xml.parse(xi);
        // XInclude is off: the include element stays an inert element, nothing is read
        assertThat(doc.getDocumentElement().getTextContent()).isEmpty();
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include").getLength()).isEqualTo(1);
    }

    @Test
    void refusesTooDeepNesting() {
        SecureXml shallow = SecureXml.withMaxElementDepth(10);
        String deep = "<a>".repeat(11) + "</a>".repeat(11);
        assertThatThrownBy(() -> shallow.parse(deep)).isInstanceOf(MalformedXmlException.class);
        assertThat(shallow.parse("<a>".repeat(10) + "</a>".repeat(10))).isNotNull();
        String veryDeep = "<a>".repeat(SecureXml.DEFAULT_MAX_ELEMENT_DEPTH + 1)
                + "</a>".repeat(SecureXml.DEFAULT_MAX_ELEMENT_DEPTH + 1);
        assertThatThrownBy(() -> xml.parse(veryDeep)).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void reportsMalformedXmlWithPosition() {
        assertThatThrownBy(() -> xml.parse("<a><b></a>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void parseLeavesTheCallersStreamOpen() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                throw new AssertionError("the caller's stream must not be closed");
            }
        };
        assertThat(xml.parse(in).getDocumentElement().getLocalName()).isEqualTo("a");
    }

    @Test
    void staxFactoryNeverReadsExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        XMLInputFactory factory = xml.newXmlInputFactory();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        StringBuilder text = new StringBuilder();
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xxe));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.ENTITY_REFERENCE) {
                    text.append(reader.getText());
                }
            }
        } catch (XMLStreamException refused) {
            // refusing outright is fine too
        }
        assertThat(text.toString()).doesNotContain("TOP-SECRET");
    }

    @Test
    void acceptsManyBuiltInEntityReferences() {
        String source = "<r>" + "&amp;&lt;&gt;&quot;&apos;".repeat(2000) + "</r>";
        assertThat(xml.parse(source).getDocumentElement().getTextContent()).hasSize(10_000);
    }

    @Test
    void newDocumentIsNamespaceAware() {
        Document doc = xml.newDocument();
        Element e = doc.createElementNS("urn:x", "p:e");
        doc.appendChild(e);
        assertThat(xml.parse(xml.serialize(doc)).getDocumentElement().getNamespaceURI()).isEqualTo("urn:x");
    }
}
