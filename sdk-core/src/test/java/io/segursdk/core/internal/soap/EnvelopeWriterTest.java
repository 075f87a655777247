package io.segursdk.core.internal.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.xml.SecureXml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The written envelope keeps every namespace and the exclusive canonical form of what it carries. */
class EnvelopeWriterTest {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    private static String excC14n(Element e) throws Exception {
        Init.init();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS).canonicalizeSubtree(e, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tokensAndPayloadKeepTheirCanonicalFormAndNamespaces() throws Exception {
        // prefixes declared on an ancestor only, and an attribute prefix
        Document source = SecureXml.instance().parse("<w:Wrapper xmlns:w=\"urn:w\" xmlns:saml=\"" + SAML + "\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><saml:Assertion ID=\"_a1\">\n"
                + "  <saml:Issuer>a &amp; b &lt; c \"d\"</saml:Issuer><saml:Attribute xsi:nil=\"true\" Name=\"x&#9;y\"/>"
                + "<!-- note --></saml:Assertion></w:Wrapper>");
        Element token = (Element) source.getElementsByTagNameNS(SAML, "Assertion").item(0);
        // a payload built with the DOM API, with no xmlns attributes at all, and an unqualified child under it
        Document built = SecureXml.instance().newDocument();
        Element body = built.createElementNS("urn:body", "b:Query");
        Element inner = built.createElementNS("urn:inner", "Inner");
        inner.appendChild(built.createElementNS(null, "plain")).setTextContent("x\r\ny");
        body.appendChild(inner);
        // a header re-using the envelope's own prefix for another namespace
        Element header = SecureXml.instance().parse("<env:Ctx xmlns:env=\"urn:not-soap\"><env:Id>1</env:Id></env:Ctx>")
                .getDocumentElement();

        byte[] bytes = new EnvelopeWriter().write(SoapRequest.builder().action("urn:a?x=1&y=2").body(body)
                .header(header).securityToken(token).build(), "uuid:1", "https://h/p");
        Document sent = SecureXml.instance().parse(bytes);

        Element sentToken = (Element) sent.getElementsByTagNameNS(SAML, "Assertion").item(0);
        assertThat(excC14n(sentToken)).isEqualTo(excC14n(token));
        Element sentBody = (Element) sent.getElementsByTagNameNS("urn:body", "Query").item(0);
        assertThat(excC14n(sentBody)).isEqualTo("<b:Query xmlns:b=\"urn:body\"><Inner xmlns=\"urn:inner\">"
                + "<plain xmlns=\"\">x&#xD;\ny</plain></Inner></b:Query>");
        assertThat(sent.getElementsByTagNameNS("urn:inner", "Inner").getLength()).isEqualTo(1);
        Element plain = (Element) sent.getElementsByTagNameNS(null, "plain").item(0);
        assertThat(plain.getNamespaceURI()).isNull();
        assertThat(plain.getTextContent()).isEqualTo("x\r\ny");
        assertThat(sent.getElementsByTagNameNS("urn:not-soap", "Id").getLength()).isEqualTo(1);
        Element action = (Element) sent.getElementsByTagNameNS(EnvelopeWriter.WSA, "Action").item(0);
        assertThat(action.getTextContent()).isEqualTo("urn:a?x=1&y=2");
        assertThat(action.getAttributeNS(FaultParser.SOAP12, "mustUnderstand")).isEqualTo("true");
        Element security = (Element) sentToken.getParentNode();
        assertThat(security.getNamespaceURI()).isEqualTo(CxfSoapTransport.WSSE);
        assertThat(security.getParentNode().getLocalName()).isEqualTo("Header");
    }
}
