package io.segursdk.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.soap.support.Xml;

import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class PhiRedactorTest {

    /** Every value below is patient data that must never reach a log. */
    static final List<String> SECRETS = List.of("DUPONT", "MARTIN", "JEANNE", "MARIE-CLAIRE", "1992-01-31",
            "31/01/1992", "19920131", "38185", "292013818500123", "2920138185001", "2 92 01 38 185 001 23",
            "1800599999999", "2A", "CORSE", "PDF-SECRET-CONTENT");

    static final String INSI_REQUEST = """
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
              <soap:Header><wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing">urn:insi</wsa:Action></soap:Header>
              <soap:Body>
                <r:RECSANSVITALE xmlns:r="http://www.cnamts.fr/INSiRecSans">
                  <r:NomNaissance>DUPONT</r:NomNaissance>
                  <r:Prenom>JEANNE</r:Prenom>
                  <r:Prenom>MARIE-CLAIRE</r:Prenom>
                  <r:Sexe>F</r:Sexe>
                  <r:DateNaissance>1992-01-31</r:DateNaissance>
                  <r:LieuNaissance>38185</r:LieuNaissance>
                </r:RECSANSVITALE>
              </soap:Body>
            </soap:Envelope>""";

    static final String INSI_RESPONSE = """
            <RESULTAT xmlns="http://www.cnamts.fr/INSiResultat">
              <CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR>
              <INDIVIDU>
                <INSACTIF><IdIndividu><NumIdentifiant>2920138185001</NumIdentifiant><Cle>23</Cle></IdIndividu>
                  <OID>1.2.250.1.213.1.4.8</OID></INSACTIF>
                <TIQ><NomNaissance>MARTIN</NomNaissance><ListePrenom>JEANNE MARIE-CLAIRE</ListePrenom>
                  <Sexe>F</Sexe><DateNaissance>1992-01-31</DateNaissance><LieuNaissance>2A004</LieuNaissance></TIQ>
              </INDIVIDU>
              <Note>Patient né le 31/01/1992, NIR 2 92 01 38 185 001 23, autre 292013818500123</Note>
            </RESULTAT>""";

    static final String DMP_FEED = """
            <x:ProvideAndRegisterDocumentSetRequest xmlns:x="urn:ihe:iti:xds-b:2007"
                xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">
              <lcm:SubmitObjectsRequest><rim:RegistryObjectList>
                <rim:ExtrinsicObject id="Doc1" mimeType="application/pdf">
                  <rim:Slot name="creationTime"><rim:ValueList><rim:Value>20260101120000</rim:Value></rim:ValueList></rim:Slot>
                  <rim:Slot name="sourcePatientInfo"><rim:ValueList>
                    <rim:Value>PID-5|DUPONT^JEANNE^^^^^L</rim:Value>
                    <rim:Value>PID-7|19920131</rim:Value>
                    <rim:Value>PID-8|F</rim:Value>
                  </rim:ValueList></rim:Slot>
                  <rim:ExternalIdentifier id="ei1" identificationScheme="urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427"
                      value="292013818500123^^^&amp;1.2.250.1.213.1.4.10&amp;ISO"/>
                </rim:ExtrinsicObject>
              </rim:RegistryObjectList></lcm:SubmitObjectsRequest>
              <x:Document id="Doc1">%s</x:Document>
              <cda:patientRole xmlns:cda="urn:hl7-org:v3">
                <cda:id root="1.2.250.1.213.1.4.10" extension="1800599999999"/>
                <cda:patient><cda:name><cda:given>JEANNE</cda:given><cda:family>DUPONT</cda:family></cda:name>
                  <cda:birthTime value="19920131"/>
                  <cda:birthplace><cda:place><cda:addr><cda:city>CORSE</cda:city></cda:addr></cda:place></cda:birthplace>
                </cda:patient>
              </cda:patientRole>
            </x:ProvideAndRegisterDocumentSetRequest>"""
            .formatted(Base64.getEncoder().encodeToString(("PDF-SECRET-CONTENT " + "x".repeat(400)).getBytes()));

    static void assertNoSecret(String out) {
        for (String secret : SECRETS) {
            assertThat(out).as("redacted output must not contain " + secret).doesNotContain(secret);
        }
        assertThat(out).doesNotContain(Base64.getEncoder().encodeToString("PDF-SECRET".getBytes()).substring(0, 12));
    }

    @Test
    void insiRequestKeepsItsStructureButNoTrait() {
        String out = PhiRedactor.defaults().redactXml(INSI_REQUEST);
        assertNoSecret(out);
        assertThat(out).contains("NomNaissance").contains("DateNaissance").contains("urn:insi")
                .contains(PhiRedactor.MASK);
    }

    @Test
    void insiResponseLosesInsNumbersTraitsAndFreeTextDates() {
        String out = PhiRedactor.defaults().redact(Xml.parse(INSI_RESPONSE));
        assertNoSecret(out);
        assertThat(out).contains("<CodeCR>00</CodeCR>").contains("<LibelleCR>OK</LibelleCR>");
    }

    @Test
    void dmpFeedLosesPatientSlotsIdentifiersAndDocumentContent() {
        Element feed = Xml.parse(DMP_FEED);
        String before = Xml.text(feed);
        String out = PhiRedactor.defaults().redact(feed);
        assertNoSecret(out);
        assertThat(out).contains("sourcePatientInfo").contains("bytes]").contains("1.2.250.1.213.1.4.10");
        assertThat(Xml.text(feed)).as("the caller's DOM is left untouched").isEqualTo(before);
    }

    @Test
    void safetyNetCatchesInsNumbersAndDatesInFreeText() {
        String out = PhiRedactor.defaults().redactText(
                "refused for 2920138185001 (key 23), 1 80 05 2A 999 999, born 1992-01-31 or 31/01/1992");
        assertThat(out).doesNotContain("2920138185001").doesNotContain("2A 999").doesNotContain("1992");
    }

    @Test
    void signatureValuesAreNeverLoggedSoALoggedAssertionCannotBeReplayed() {
        String ecSignature = "MEUCIQDx3q0Yb2k9v8pLr0h4cXh6nWq3bZ5lQ1yW8cT2mF7aQIgR4tK9sL2vB8nM3qP6xZ1wC5dE7fH0jJ4kL";
        String out = PhiRedactor.defaults().redactXml("<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:"
                + "assertion\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:Signature><ds:SignatureValue>"
                + ecSignature + "</ds:SignatureValue></ds:Signature></saml2:Assertion>");
        assertThat(out).doesNotContain(ecSignature).contains("SignatureValue");
    }

    @Test
    void businessModulesAddTheirOwnNames() {
        PhiRedactor custom = PhiRedactor.defaults().toBuilder().elements("Surnom")
                .attribute("Patient", "ref").pattern(Pattern.compile("PAT-\\d+")).build();
        String out = custom.redactXml("<a><Surnom>JOJO</Surnom><Patient ref=\"X1\"/><n>PAT-123</n></a>");
        assertThat(out).doesNotContain("JOJO").doesNotContain("X1").doesNotContain("PAT-123");
        assertThat(PhiRedactor.defaults().redactXml("<a><Surnom>JOJO</Surnom></a>")).contains("JOJO");
    }

    @Test
    void textThatIsNotXmlIsMaskedBetweenTags() {
        String out = PhiRedactor.defaults().redactXml("<a><NomNaissance>DUPONT</NomNaissance><broken>");
        assertThat(out).doesNotContain("DUPONT");
    }
}
