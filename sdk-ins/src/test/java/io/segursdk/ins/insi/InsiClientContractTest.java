package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.ins.HistoricalIns;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.ins.InsiAccessDeniedException;
import io.segursdk.ins.InsiAttempt;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiIdentity;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.InsiResult;
import io.segursdk.ins.InsiVerification;
import io.segursdk.ins.Sex;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.soap.InboundSoap;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The INSi client against the INSi simulator, over HTTPS with a client certificate (software-certificate mode). */
class InsiClientContractTest {

    private static final InsiTestBed BED = new InsiTestBed();
    private static final InsiClient CLIENT = BED.mtlsClient();

    @AfterAll
    static void stop() {
        CLIENT.close();
        BED.close();
    }

    @BeforeEach
    void forget() {
        BED.server.clearCaptured();
    }

    private static IdentityTraits traits(String name, String sex, String date, String place, String... firstNames) {
        return IdentityTraits.builder().birthName(name).birthFirstNames(firstNames).sex(sex).birthDate(date)
                .birthPlace(place).build();
    }

    private static InboundSoap captured(int i) {
        SimRequest r = BED.server.captured().get(i);
        return InboundSoap.parse(r.contentType().orElse(null), r.body());
    }

    private static String text(Element parent, String... path) {
        Element e = parent;
        for (String name : path) {
            Element next = null;
            for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && name.equals(c.getLocalName())) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            e = next;
        }
        return e.getTextContent();
    }

    @Test
    void foundReturnsTheActiveInsAndTheQualifiedTraits() {
        // tag::search-traits[]
        IdentityTraits traits = IdentityTraits.builder()
                .birthName("Brandeville")
                .birthFirstNames("Maëlys", "Odile")
                .sex(Sex.F)
                .birthDate("1984-05-12")
                .birthPlace("35238")
                .build();
        InsiResult result = CLIENT.searchByTraits(traits);
        // end::search-traits[]

        assertThat(result.outcome()).isEqualTo(InsiOutcome.FOUND);
        InsiIdentity identity = result.identity().orElseThrow();
        assertThat(identity.activeIns()).isEqualTo(Ins.of("284053523811778", InsAuthority.NIR));
        assertThat(identity.historicalIns()).isEmpty();
        assertThat(identity.traits().birthName()).isEqualTo("BRANDEVILLE");
        assertThat(identity.traits().birthFirstNames()).containsExactly("MAELYS", "ODILE");
        assertThat(identity.traits().firstBirthFirstName()).isEqualTo("MAELYS");
        assertThat(identity.traits().birthPlace().orElseThrow().code()).isEqualTo("35238");
        assertThat(result.attempts()).hasSize(1);
        assertThat(result.matchingAttempt().orElseThrow().firstNames()).isEqualTo("MAELYS");
        assertThat(result.messageId()).startsWith("uuid:");
    }

    @Test
    void requestCarriesTheInsiHeadersAndTraits() {
        CLIENT.searchByTraits(traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS"));

        InboundSoap soap = captured(0);
        assertThat(soap.isSoap12()).isTrue();
        assertThat(soap.action()).contains("urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite");
        assertThat(soap.messageId().orElseThrow()).matches("uuid:[0-9a-f-]{36}");
        Element lps = soap.header("urn:siram:lps:ctxlps", "ContexteLPS").orElseThrow();
        assertThat(lps.getAttribute("Nature")).isEqualTo("CTXLPS");
        assertThat(lps.getAttribute("Version")).isEqualTo("01_00");
        assertThat(text(lps, "Temps")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(text(lps, "Emetteur")).isEqualTo(InsiTestBed.STRUCTURE_ID);
        assertThat(text(lps, "LPS", "IDAM")).isEqualTo(InsiTestBed.IDAM);
        assertThat(text(lps, "LPS", "Version")).isEqualTo("2.4.1");
        assertThat(text(lps, "LPS", "Instance")).isEqualTo(InsiTestBed.INSTALLATION.toString());
        assertThat(text(lps, "LPS", "Nom")).isEqualTo("urn:lps:SegurTest:2.4.1");
        Element bam = soap.header("urn:siram:bam:ctxbam", "ContexteBAM").orElseThrow();
        assertThat(bam.getAttribute("Version")).isEqualTo("01_02");
        Element couverture = InboundSoap.child(bam, "urn:siram:bam:ctxbam", "COUVERTURE");
        assertThat(couverture).isNotNull();
        assertThat(couverture.hasChildNodes()).isFalse();
        assertThat(soap.security()).isEmpty();
        Element body = soap.payload().orElseThrow();
        assertThat(body.getNamespaceURI()).isEqualTo("http://www.cnamts.fr/INSiRecSans");
        assertThat(body.getLocalName()).isEqualTo("RECSANSVITALE");
        assertThat(text(body, "NomNaissance")).isEqualTo("BRANDEVILLE");
        assertThat(text(body, "Prenom")).isEqualTo("MAELYS");
        assertThat(text(body, "Sexe")).isEqualTo("F");
        assertThat(text(body, "DateNaissance")).isEqualTo("1984-05-12");
        assertThat(text(body, "LieuNaissance")).isNull();
    }

    @Test
    void notFound() {
        InsiResult result = CLIENT.searchByTraits(traits("INCONNU", "F", "1984-05-12", null, "PERSONNE"));
        assertThat(result.outcome()).isEqualTo(InsiOutcome.NOT_FOUND);
        assertThat(result.identity()).isEmpty();
        assertThatThrownBy(() -> result.toRetrieval(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void homonymsGiveSeveralFoundUntilTheBirthPlaceIsSent() {
        InsiResult several = CLIENT.searchByTraits(traits("GARNIER-VOLTE", "M", "2012-06-09", null, "JULES"));
        assertThat(several.outcome()).isEqualTo(InsiOutcome.SEVERAL_FOUND);
        assertThat(several.identity()).isEmpty();

        InsiResult one = CLIENT.searchByTraits(traits("GARNIER-VOLTE", "M", "2012-06-09", "44109", "JULES"));
        assertThat(one.outcome()).isEqualTo(InsiOutcome.FOUND);
        assertThat(one.identity().orElseThrow().activeIns().matricule()).isEqualTo("112064410905289");
        assertThat(text(captured(1).payload().orElseThrow(), "LieuNaissance")).isEqualTo("44109");
    }

    @Test
    void severalFirstNamesAreTriedOneByOneAndTheResultSaysWhichMatched() {
        InsiResult result = CLIENT.searchByTraits(traits("LORIVAL", "M", "1971-11-03", null, "AUBIN", "THEO",
                "GASPARD"));

        assertThat(result.outcome()).isEqualTo(InsiOutcome.FOUND);
        assertThat(result.attempts()).extracting(InsiAttempt::firstNames, InsiAttempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AUBIN", InsiOutcome.NOT_FOUND),
                        org.assertj.core.groups.Tuple.tuple("THEO", InsiOutcome.FOUND));
        assertThat(result.matchingAttempt().orElseThrow().allFirstNames()).isFalse();
        assertThat(BED.server.captured()).hasSize(2);
        assertThat(text(captured(0).payload().orElseThrow(), "Prenom")).isEqualTo("AUBIN");
        assertThat(text(captured(1).payload().orElseThrow(), "Prenom")).isEqualTo("THEO");
        assertThat(result.identity().orElseThrow().traits().birthFirstNames()).containsExactly("THEO", "GASPARD");
    }

    @Test
    void whenNoFirstNameMatchesTheLastCallSendsThemAllJoined() {
        InsiResult result = CLIENT.searchByTraits(traits("LORIVAL", "M", "1971-11-03", null, "AUBIN", "MARC"));

        assertThat(result.outcome()).isEqualTo(InsiOutcome.NOT_FOUND);
        assertThat(result.attempts()).extracting(InsiAttempt::firstNames)
                .containsExactly("AUBIN", "MARC", "AUBIN MARC");
        assertThat(result.attempts().get(2).allFirstNames()).isTrue();
        assertThat(result.matchingAttempt()).isEmpty();
        assertThat(text(captured(2).payload().orElseThrow(), "Prenom")).isEqualTo("AUBIN MARC");
    }

    @Test
    void allOnlyStrategySendsOneCall() {
        try (InsiClient client = BED.clientBuilder().organisationCertificate(BED.insiAuto())
                .firstNameStrategy(InsiClient.FirstNameStrategy.ALL_ONLY).build()) {
            InsiResult result = client.searchByTraits(traits("LORIVAL", "M", "1971-11-03", null, "THEO", "GASPARD"));
            assertThat(result.outcome()).isEqualTo(InsiOutcome.FOUND);
            assertThat(result.attempts()).extracting(InsiAttempt::firstNames).containsExactly("THEO GASPARD");
        }
    }

    @Test
    void niaIsToldByItsOidNotByItsDigits() {
        InsiResult result = CLIENT.searchByTraits(traits("PENDRAGUE", "M", "2001-02-14", null, "ILYES"));
        Ins ins = result.identity().orElseThrow().activeIns();
        assertThat(ins.isNia()).isTrue();
        assertThat(ins.authority()).isEqualTo(InsAuthority.NIA);
        assertThat(ins.matricule()).startsWith("1");

        Ins nir = CLIENT.searchByTraits(traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS"))
                .identity().orElseThrow().activeIns();
        assertThat(nir.isNir()).isTrue();
    }

    @Test
    void corsicanInsKeepTheirLettersAndValidKeys() {
        InsiIdentity corseDuSud = CLIENT.searchByTraits(traits("SANTUCCI-ORSO", "F", "1990-08-21", "2A004", "LIVIA"))
                .identity().orElseThrow();
        assertThat(corseDuSud.activeIns().matricule()).isEqualTo("290082A00403294");
        assertThat(corseDuSud.activeIns().hasValidKey()).isTrue();
        assertThat(corseDuSud.traits().birthPlace().orElseThrow().isCorsica()).isTrue();

        InsiIdentity hauteCorse = CLIENT.searchByTraits(traits("FALCUCCI", "M", "1958-03-07", null, "PAOLU"))
                .identity().orElseThrow();
        assertThat(hauteCorse.activeIns().matricule()).isEqualTo("158032B03301431");
        assertThat(hauteCorse.activeIns().hasValidKey()).isTrue();
        assertThat(hauteCorse.historicalIns()).singleElement()
                .satisfies(h -> assertThat(h.ins().isNia()).isTrue());
    }

    @Test
    void historyIsAListWithDatesAndTheBirthPlaceMayBeAbsent() {
        InsiResult result = CLIENT.searchByTraits(traits("VERMANDOIS", "M", "1966-09-30", null, "CLEMENT", "YVES"));
        InsiIdentity identity = result.identity().orElseThrow();

        assertThat(identity.activeIns().matricule()).isEqualTo("166095935007815");
        assertThat(identity.historicalIns()).extracting(h -> h.ins().matricule())
                .containsExactly("166099913402734", "266095935007862");
        HistoricalIns first = identity.historicalIns().get(0);
        assertThat(first.ins().authority()).isEqualTo(InsAuthority.NIA);
        assertThat(first.startDate()).contains(LocalDate.of(1966, 10, 1));
        assertThat(first.endDate()).contains(LocalDate.of(2001, 5, 31));
        assertThat(identity.traits().birthPlace()).isEmpty();
        assertThat(result.toRetrieval(new io.segursdk.ins.Operator(io.segursdk.ins.OperatorRole.PHYSICIAN, "1"))
                .previousIns()).hasSize(2);
    }

    @Test
    void verificationMatchesTheActiveInsAndTheTraits() {
        // tag::verify[]
        Ins received = Ins.of("284053523811778", InsAuthority.NIR);
        InsiVerification verification = CLIENT.verify(received, traits("BRANDEVILLE", "F", "1984-05-12", "35238",
                "MAELYS", "ODILE"));
        boolean trustworthy = verification.verified();
        // end::verify[]
        assertThat(trustworthy).isTrue();
        assertThat(verification.outcome()).isEqualTo(InsiVerification.Outcome.VERIFIED);
        assertThat(verification.search().operation()).isEqualTo(io.segursdk.ins.InsiRetrieval.Operation.VERIFICATION);
    }

    @Test
    void verificationMismatches() {
        IdentityTraits brandeville = traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS", "ODILE");
        InsiVerification otherIns = CLIENT.verify(Ins.of("215043155516309", InsAuthority.NIR), brandeville);
        assertThat(otherIns.outcome()).isEqualTo(InsiVerification.Outcome.INS_DIFFERENT);
        assertThat(otherIns.verified()).isFalse();

        IdentityTraits vermandois = traits("VERMANDOIS", "M", "1966-09-30", null, "CLEMENT", "YVES");
        InsiVerification former = CLIENT.verify(Ins.of("166099913402734", InsAuthority.NIA), vermandois);
        assertThat(former.outcome()).isEqualTo(InsiVerification.Outcome.INS_REPLACED);

        IdentityTraits lorival = traits("LORIVAL", "M", "1971-11-03", null, "AUBIN", "THEO", "GASPARD");
        InsiVerification traitsDiffer = CLIENT.verify(Ins.of("171116912304570", InsAuthority.NIR), lorival);
        assertThat(traitsDiffer.outcome()).isEqualTo(InsiVerification.Outcome.TRAITS_DIFFERENT);
        assertThat(traitsDiffer.traitComparison().orElseThrow().matches()).isFalse();

        InsiVerification nobody = CLIENT.verify(Ins.of("284053523811778", InsAuthority.NIR),
                traits("BRANDEVILLE", "F", "1985-05-12", null, "MAELYS"));
        assertThat(nobody.outcome()).isEqualTo(InsiVerification.Outcome.NOT_FOUND);
    }

    @Test
    void unknownAuthorisationNumberIsAccessDeniedWithTheCnamCodes() {
        try (InsiClient client = InsiClient.builder().endpoint(BED.insi.endpoint()).tls(BED.tls)
                .software(InsiTestBed.software("INCONNU0001")).organisationCertificate(BED.insiAuto()).build()) {
            assertThatThrownBy(() -> client.searchByTraits(traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")))
                    .isInstanceOfSatisfying(InsiAccessDeniedException.class, e -> {
                        assertThat(e.code()).contains("Sender");
                        assertThat(e.subcode()).contains("siram_100");
                        assertThat(e.detailCode()).contains("desir_550");
                        assertThat(e.severity()).contains("erreur");
                        assertThat(e.messageId()).isEqualTo(captured(0).messageId());
                        assertThat(e.serviceMessage().orElseThrow()).contains("progiciel");
                        assertThat(e.isRetryable()).isFalse();
                    });
        }
    }

    @Test
    void certificateWithoutInsiRightsIsDesir560() {
        SoftwareCredential wrongCn = BED.credential(BED.pki.issueOrganisation(
                OrganisationProfile.builder().commonName("INSI-auto").structureId(InsiTestBed.STRUCTURE_ID).build()));
        try (InsiClient client = BED.clientBuilder().organisationCertificate(wrongCn).build()) {
            assertThatThrownBy(() -> client.searchByTraits(traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")))
                    .isInstanceOfSatisfying(InsiAccessDeniedException.class,
                            e -> assertThat(e.detailCode()).contains("DESIR_560"));
        }
    }

    @Test
    void senderFaultKeepsTheDetailCodeAndIsNotRetryable() {
        BED.insi.failNext("Sender", null, "insi_24", "Le format du champ sexe est incorrect");
        assertThatThrownBy(() -> CLIENT.searchByTraits(traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")))
                .isExactlyInstanceOf(ServiceFaultException.class)
                .satisfies(t -> {
                    ServiceFaultException e = (ServiceFaultException) t;
                    assertThat(e.detailCode()).contains("insi_24");
                    assertThat(e.detailAttribute("severite")).contains("erreur");
                    assertThat(e.serviceMessage()).contains("Le format du champ sexe est incorrect");
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void receiverFaultIsRetryable() {
        BED.insi.failNext("Receiver", null, "SIMU_INDISPONIBLE", "Service momentanément indisponible");
        assertThatThrownBy(() -> CLIENT.searchByTraits(traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")))
                .isInstanceOfSatisfying(ServiceFaultException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void invalidRequestsFailBeforeAnyCall() {
        assertThatThrownBy(() -> CLIENT.searchByTraits(traits("BRANDEVILLE", "I", "1984-05-12", null, "MAELYS")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo("sex")));
        assertThatThrownBy(() -> CLIENT.searchByTraits(traits("BRANDEVILLE", "F", "1984-02-30", null, "MAELYS")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo("birthDate")));
        assertThatThrownBy(() -> traits("BRAND3VILLE", "F", "1984-05-12", null, "MAELYS"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> traits("BRANDEVILLE", "F", "1984-05-12", null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CLIENT.verify(null, traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CLIENT.searchWithCarteVitale(null, null))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(BED.server.captured()).isEmpty();
    }

    @Test
    void missingAuthorisationNumberOrCredentialFailsAtBuildTime() {
        io.segursdk.core.config.SoftwareInfo noIdam = io.segursdk.core.config.SoftwareInfo.builder()
                .productName("SegurTest").productVersion("1").installationId(InsiTestBed.INSTALLATION).build();
        assertThatThrownBy(() -> InsiClient.builder().endpoint(BED.insi.endpoint()).tls(BED.tls).software(noIdam)
                .organisationCertificate(BED.insiAuto()).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("software.insiAuthorisationNumber")));
        assertThatThrownBy(() -> BED.clientBuilder().build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("insi.credential")));
        assertThat(BED.server.captured()).isEmpty();
    }

    @Test
    void defaultEndpointsFollowTheModeAndEnvironment() {
        try (InsiClient client = InsiClient.builder().environment(InsiClient.Environment.QUALIFICATION).tls(BED.tls)
                .software(InsiTestBed.software(InsiTestBed.IDAM)).organisationCertificate(BED.insiAuto()).build()) {
            assertThat(client.endpoint()).isEqualTo(InsiClient.QUALIFICATION_MTLS_ENDPOINT);
        }
    }

    @Test
    void vendorsCanAddTheirOwnPersonas() {
        BED.insi.addPersona(io.segursdk.testkit.insi.InsiPersona.builder()
                .birthName("QUINTAVAL").firstNames("ROMANE").sex("F").birthDate("1999-12-01")
                .activeIns("2991233063101" + Ins.computeKey("2991233063101"),
                        io.segursdk.testkit.insi.InsiPersona.OID_NIR)
                .build());
        InsiResult result = CLIENT.searchByTraits(traits("QUINTAVAL", "F", "1999-12-01", null, "ROMANE"));
        assertThat(result.identity().orElseThrow().activeIns().hasValidKey()).isTrue();
        assertThat(List.of(result.outcome())).containsExactly(InsiOutcome.FOUND);
    }

    static Element unsignedVitaleAssertion() {
        return SecureXml.instance().parse("<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"_vitale\" Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\"><saml2:Issuer>TEST VITALE"
                + "</saml2:Issuer></saml2:Assertion>").getDocumentElement();
    }
}
