package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.ins.CarteVitaleData;
import io.segursdk.ins.IdentityAttribute;
import io.segursdk.ins.IdentityCheck;
import io.segursdk.ins.IdentityDocumentType;
import io.segursdk.ins.IdentityRuleException;
import io.segursdk.ins.IdentityStatus;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.InsiProfessional;
import io.segursdk.ins.InsiResult;
import io.segursdk.ins.InsiRetrieval;
import io.segursdk.ins.Operator;
import io.segursdk.ins.OperatorRole;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.ins.Sex;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.soap.InboundSoap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Professional-card mode (assertion PS), the search with carte Vitale data, and the RNIV qualification flow. */
class InsiCardModeAndVitaleTest {

    private static final InsiTestBed BED = new InsiTestBed();
    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    @AfterAll
    static void stop() {
        BED.close();
    }

    @BeforeEach
    void forget() {
        BED.server.clearCaptured();
    }

    private static SoftwareCredential cpsSignature(TestPki pki) {
        IssuedCredential card = pki.issueCps(CpsProfile.physician("10001234567").toBuilder()
                .usage(CpsUsage.SIGNATURE).build());
        return SoftwareCredential.of(card.privateKey(), card.chain());
    }

    private static InsiClient cardClient(SoftwareCredential signature) {
        // tag::card-mode[]
        InsiProfessional professional = InsiProfessional.builder()
                .signatureCredential(signature)
                .nationalId("810001234567")
                .billingId("123456789")
                .activitySector("SA07")
                .build();
        InsiClient client = InsiClient.builder()
                .endpoint(BED.insi.endpoint())
                .professional(professional)
                .tls(BED.tls)
                .software(InsiTestBed.software(InsiTestBed.IDAM))
                .build();
        // end::card-mode[]
        return client;
    }

    private static InboundSoap captured(int i) {
        SimRequest r = BED.server.captured().get(i);
        return InboundSoap.parse(r.contentType().orElse(null), r.body());
    }

    private static IdentityTraits brandeville() {
        return IdentityTraits.builder().birthName("BRANDEVILLE").birthFirstNames("MAELYS").sex(Sex.F)
                .birthDate("1984-05-12").build();
    }

    @Test
    void assertionPsModeEndToEnd() {
        try (InsiClient client = cardClient(cpsSignature(BED.pki))) {
            assertThat(client.isCardMode()).isTrue();
            InsiResult result = client.searchByTraits(brandeville());
            assertThat(result.outcome()).isEqualTo(InsiOutcome.FOUND);
        }
        InboundSoap soap = captured(0);
        assertThat(BED.server.captured().get(0).clientCertificate()).isEmpty();
        Element security = soap.security().orElseThrow();
        Element assertion = InboundSoap.child(security, SAML, "Assertion");
        assertThat(assertion).isNotNull();
        Element issuer = InboundSoap.child(assertion, SAML, "Issuer");
        assertThat(issuer.getAttribute("Format")).isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName");
        Element nameId = InboundSoap.child(InboundSoap.child(assertion, SAML, "Subject"), SAML, "NameID");
        assertThat(nameId.getAttribute("NameQualifier")).isEqualTo("CPS");
        assertThat(nameId.getTextContent()).isEqualTo("810001234567");
        assertThat(security.getElementsByTagNameNS(SAML, "Attribute").getLength()).isEqualTo(2);
        Element lps = soap.header("urn:siram:lps:ctxlps", "ContexteLPS").orElseThrow();
        assertThat(InboundSoap.child(lps, "urn:siram:lps:ctxlps", "Emetteur").getTextContent())
                .isEqualTo("810001234567");
    }

    @Test
    void tamperedAssertionIsRejectedBySimulator() {
        try (InsiClient client = cardClient(cpsSignature(BED.pki))) {
            client.searchByTraits(brandeville());
        }
        SimRequest original = BED.server.captured().get(0);
        String tampered = original.bodyAsString().replace(">810001234567<", ">810009999999<");
        assertThat(tampered).isNotEqualTo(original.bodyAsString());
        SimResponse response = BED.insi.handle(SimRequest.builder().method("POST").path("/lps")
                .header("Content-Type", original.contentType().orElseThrow())
                .body(tampered.getBytes(StandardCharsets.UTF_8)).build());
        assertThat(response.status()).isEqualTo(500);
        assertThat(new String(bytes(response), StandardCharsets.UTF_8)).contains("FailedCheck");
    }

    /**
     * The assertion PS of a real call, replayed over HTTPS with core's SOAP client: as signed it is accepted; with
     * the professional's id altered after signing, INSi's signature check refuses it ({@code FailedCheck}).
     */
    @Test
    void tamperedAssertionSentOverHttpsIsRefused() {
        try (InsiClient client = cardClient(cpsSignature(BED.pki))) {
            client.searchByTraits(brandeville());
        }
        InboundSoap original = captured(0);
        BED.server.clearCaptured();
        Element assertion = InboundSoap.child(original.security().orElseThrow(), SAML, "Assertion");
        Element nameId = InboundSoap.child(InboundSoap.child(assertion, SAML, "Subject"), SAML, "NameID");
        assertThat(nameId.getTextContent()).isEqualTo("810001234567");

        try (SoapClient soap = SoapClient.builder().service("INSi").endpoint(BED.insi.endpoint()).tls(BED.tls)
                .build()) {
            try (SoapResponse accepted = soap.call(replay(original, assertion))) {
                assertThat(accepted.requireBody().getLocalName()).isEqualTo("RESULTAT");
            }

            nameId.setTextContent("810009999999");
            assertThatThrownBy(() -> soap.call(replay(original, assertion)).close())
                    .isInstanceOfSatisfying(ServiceFaultException.class, e -> {
                        assertThat(e.code()).contains("Sender");
                        assertThat(e.subcode()).contains("FailedCheck");
                    });
        }
        assertThat(BED.server.captured()).hasSize(2);
        assertThat(BED.server.captured().get(0).bodyAsString()).contains("\"CPS\">810001234567<");
        assertThat(BED.server.captured().get(1).bodyAsString()).contains("\"CPS\">810009999999<");
    }

    private static SoapRequest replay(InboundSoap original, Element assertion) {
        return SoapRequest.builder()
                .action(original.action().orElseThrow())
                .messageId("uuid:" + UUID.randomUUID())
                .header(original.header("urn:siram:lps:ctxlps", "ContexteLPS").orElseThrow())
                .header(original.header("urn:siram:bam:ctxbam", "ContexteBAM").orElseThrow())
                .securityToken(assertion)
                .body(original.payload().orElseThrow())
                .build();
    }

    @Test
    void assertionFromAnUntrustedCardIsAnAuthenticationFailure() {
        try (InsiClient client = cardClient(cpsSignature(TestPki.create("OTHER")))) {
            assertThatThrownBy(() -> client.searchByTraits(brandeville()))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void simulatorAnswersInsi24ForAnEmptySex() {
        try (InsiClient client = BED.mtlsClient()) {
            client.searchByTraits(brandeville());
        }
        SimRequest original = BED.server.captured().get(0);
        String emptySex = original.bodyAsString().replaceAll("(<[a-z_]+:Sexe>)F(</)", "$1$2");
        assertThat(emptySex).isNotEqualTo(original.bodyAsString());
        SimResponse response = BED.insi.handle(SimRequest.builder().method("POST").path("/lps")
                .header("Content-Type", original.contentType().orElseThrow())
                .clientCertificates(original.clientCertificates())
                .body(emptySex.getBytes(StandardCharsets.UTF_8)).build());
        assertThat(response.status()).isEqualTo(500);
        assertThat(new String(bytes(response), StandardCharsets.UTF_8)).contains("code=\"insi_24\"");
    }

    private static byte[] bytes(SimResponse r) {
        try {
            return r.bodyBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void searchWithCarteVitaleData() {
        Element vitaleAssertion = InsiClientContractTest.unsignedVitaleAssertion();
        try (InsiClient client = BED.mtlsClient()) {
            // tag::search-vitale[]
            CarteVitaleData vitale = CarteVitaleData.builder()
                    .insuredMatricule("282063155504181")
                    .birthName("Roussel-Audran")
                    .birthDate("2015-04-02")
                    .birthRank(1)
                    .build();
            InsiResult result = client.searchWithCarteVitale(vitale, vitaleAssertion);
            // end::search-vitale[]
            assertThat(result.outcome()).isEqualTo(InsiOutcome.FOUND);
            assertThat(result.operation()).isEqualTo(InsiRetrieval.Operation.SEARCH_WITH_CARTE_VITALE);
            assertThat(result.identity().orElseThrow().activeIns().matricule()).isEqualTo("215043155516309");
        }
        InboundSoap soap = captured(0);
        assertThat(soap.action()).contains("urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale");
        Element body = soap.payload().orElseThrow();
        assertThat(body.getLocalName()).isEqualTo("RECVITALE");
        Element od = InboundSoap.child(body, "http://www.cnamts.fr/INSiRecVit", "MatriculeOD");
        assertThat(InboundSoap.child(od, "http://www.cnamts.fr/INSiRecVit", "NumIdentifiant").getTextContent())
                .isEqualTo("2820631555041");
        Element couverture = InboundSoap.child(soap.header("urn:siram:bam:ctxbam", "ContexteBAM").orElseThrow(),
                "urn:siram:bam:ctxbam", "COUVERTURE");
        assertThat(couverture.getElementsByTagNameNS("urn:siram:bam:ctxbam", "ASSURE").getLength()).isEqualTo(1);
        assertThat(couverture.getElementsByTagNameNS("urn:siram:bam:ctxbam", "Rang").item(0).getTextContent())
                .isEqualTo("1");
        assertThat(InboundSoap.child(soap.security().orElseThrow(), SAML, "Assertion").getAttribute("ID"))
                .isEqualTo("_vitale");
    }

    @Test
    void vitaleDataIsCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> CarteVitaleData.builder().insuredMatricule("28206315").birthName("X1")
                .birthDate("2015-13-02").birthRank(0).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).hasSize(4));
        CarteVitaleData lunar = CarteVitaleData.builder().insuredMatricule("2820631555041").birthName("ROUSSEL")
                .birthDate("2015-00-00").build();
        assertThat(lunar.birthDate().isPartial()).isTrue();
        try (InsiClient client = BED.mtlsClient()) {
            assertThatThrownBy(() -> client.searchWithCarteVitale(lunar, null))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThat(BED.server.captured()).isEmpty();
    }

    @Test
    void qualificationFlowWithInsiAndAHighTrustDocument() {
        Operator secretary = new Operator(OperatorRole.DELEGATED_STAFF, "CPE-0042");
        Instant now = Instant.parse("2026-03-02T09:30:00Z");
        try (InsiClient insi = BED.mtlsClient()) {
            // tag::qualification[]
            PatientIdentity identity = PatientIdentity.provisional(IdentityTraits.builder()
                    .birthName("Santucci-Orso").birthFirstNames("Livia").sex(Sex.F).birthDate("1990-08-21")
                    .birthPlace("2A004").build(), secretary, now);

            InsiResult result = insi.searchByTraits(identity);
            identity = identity.acceptInsiRetrieval(result.toRetrieval(secretary));
            identity = identity.recordIdentityCheck(
                    IdentityCheck.document(IdentityDocumentType.NATIONAL_IDENTITY_CARD, secretary, now));

            Ins shareable = identity.requireQualifiedIns();
            // end::qualification[]
            assertThat(identity.status()).isEqualTo(IdentityStatus.QUALIFIED);
            assertThat(shareable.matricule()).isEqualTo("290082A00403294");
            assertThat(identity.events()).extracting(e -> e.type().name())
                    .containsExactly("CREATED", "INSI_RETRIEVED", "IDENTITY_CHECKED");
        }
    }

    @Test
    void doubtfulIdentityIsNeverSentToInsi() {
        Operator nurse = new Operator(OperatorRole.HEALTH_PROFESSIONAL, "RPPS-1");
        PatientIdentity doubtful = PatientIdentity.provisional(brandeville(), nurse, Instant.now())
                .addAttribute(IdentityAttribute.DOUBTFUL, nurse, Instant.now());
        try (InsiClient insi = BED.mtlsClient()) {
            assertThatThrownBy(() -> insi.searchByTraits(doubtful)).isInstanceOf(IdentityRuleException.class);
        }
        assertThat(BED.server.captured()).isEmpty();
        assertThat(SecureXml.instance()).isNotNull();
    }
}
