package io.segursdk.dmp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.dmp.AuthenticationMode;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DmpPatientChoices;
import io.segursdk.dmp.DmpStatus;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.DocumentStatus;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Replacement;
import io.segursdk.dmp.RetrievedDocument;
import io.segursdk.dmp.SearchResult;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Vihf;
import io.segursdk.dmp.Visibility;
import io.segursdk.ins.IdentityRuleException;
import io.segursdk.ins.IdentityStatus;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.ins.Operator;
import io.segursdk.ins.OperatorRole;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.ins.Sex;
import io.segursdk.testkit.dmp.DmpCaller;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.dmp.PatientRecord;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DMP client against the testkit's DMP simulator, over mutual TLS: every transaction of seed steps 3 and 4, and
 * the access rules the simulator enforces as the DMP does.
 */
class DmpContractTest {

    static final String STRUCTURE = "10B0127189";
    static final String DOCTOR_RPPS = "10001234567";
    static final String OTHER_RPPS = "10007654321";
    static final AtomicInteger SEQ = new AtomicInteger();
    /** The practice software's record of each patient's information and oppositions. */
    static final Map<PatientId, DmpPatientChoices> patientFile = new ConcurrentHashMap<>();

    static TestPki pki;
    static DmpSimulator simulator;
    static SoftwareInfo software;
    static IssuedCredential doctorAuth;
    static IssuedCredential doctorSign;
    static IssuedCredential otherAuth;
    static IssuedCredential otherSign;
    static IssuedCredential orgAuth;
    static IssuedCredential orgSign;
    static DmpClient doctor;
    static DmpClient other;
    static DmpClient structure;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        simulator = DmpSimulator.start(pki);
        software = SoftwareInfo.builder().productName("Cabinet Plus").productVersion("4.2.0")
                .installationId(UUID.fromString("6f1c2b9e-1d2a-4c55-9a7b-0a1b2c3d4e5f"))
                .dmpHomologationId("HOMOL-TEST-0042").build();
        doctorAuth = pki.issueCps(CpsProfile.physician(DOCTOR_RPPS));
        doctorSign = pki.issueCps(CpsProfile.physician(DOCTOR_RPPS).toBuilder().usage(CpsUsage.SIGNATURE).build());
        otherAuth = pki.issueCps(CpsProfile.physician(OTHER_RPPS));
        otherSign = pki.issueCps(CpsProfile.physician(OTHER_RPPS).toBuilder().usage(CpsUsage.SIGNATURE).build());
        orgAuth = pki.issueOrganisation(OrganisationProfile.dmpAuthentication(STRUCTURE));
        orgSign = pki.issueOrganisation(OrganisationProfile.dmpSignature(STRUCTURE));
        doctor = client(direct("8" + DOCTOR_RPPS, credential(doctorSign)), credential(doctorAuth));
        other = client(direct("8" + OTHER_RPPS, credential(otherSign)), credential(otherAuth));
        structure = client(indirect(), credential(orgAuth));
    }

    @AfterAll
    static void stop() {
        doctor.close();
        other.close();
        structure.close();
        simulator.close();
    }

    static SigningCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }

    // tag::vihf[]
    static Vihf direct(String nationalId, SigningCredential cardSignatureKey) {
        return Vihf.builder()
                .mode(AuthenticationMode.DIRECT)
                .professional(nationalId, "DUPONT ALICE")
                .profession(Vihf.profession("10", "Médecin"))
                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                .structureId("499900063480001")
                .activitySector("SA07")
                .software(software)
                .signingCredential(cardSignatureKey)
                .build();
    }
    // end::vihf[]

    static Vihf indirect() {
        return Vihf.builder()
                .mode(AuthenticationMode.INDIRECT)
                .professional("8" + DOCTOR_RPPS, null)
                .profession(Vihf.profession("10", "Médecin"))
                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                .structureId(STRUCTURE)
                .activitySector("SA01")
                .software(software)
                .signingCredential(credential(orgSign))
                .build();
    }

    // tag::client[]
    static DmpClient client(Vihf vihf, SigningCredential tlsCredential) {
        return DmpClient.builder()
                .baseUri(simulator.baseUri())
                .tlsCredential(tlsCredential)
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .vihf(vihf)
                .submissionSource("1.2.250.1.999.1.1.4242", CodedValue.contentType("04", "Hospitalisation de jour"))
                .patientChoices(patient -> Optional.ofNullable(patientFile.get(patient)))
                .build();
    }
    // end::client[]

    /** A new test patient with an open DMP on which the doctor is authorised. */
    static PatientId newPatient() {
        String number = "29301691" + String.format("%05d", 20000 + SEQ.incrementAndGet());
        Ins ins = Ins.of(number + Ins.computeKey(number), InsAuthority.NIR_TEST);
        simulator.patient(ins.matricule(), ins.oid()).open().authorise("8" + DOCTOR_RPPS);
        return PatientId.ofIns(ins.matricule(), ins.oid());
    }

    static PatientRecord record(PatientId p) {
        return simulator.patient(p.matricule(), p.oid());
    }

    static Author author(String rpps) {
        return Author.builder().nationalId("8" + rpps).name("DUPONT", "ALICE")
                .specialty(CodedValue.authorSpecialty("G15_10/SM26", "Médecin - Qualifié en Médecine Générale (SM)"))
                .structure(new Structure("CABINET DR DUPONT", "499900063480001")).build();
    }

    static final String CDA = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Compte rendu</title></ClinicalDocument>";

    static Submission submission(PatientId patient, String uniqueId, Visibility visibility, String rpps) {
        DocumentMetadata metadata = DocumentMetadata.builder()
                .patientId(patient)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                .title("Compte rendu de consultation")
                .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                .author(author(rpps))
                .uniqueId(uniqueId)
                .visibility(visibility)
                .build();
        return Submission.builder()
                .document(DmpDocument.of(() -> new ByteArrayInputStream(CDA.getBytes(StandardCharsets.UTF_8)),
                        DmpDocument.MIME_CDA, new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282",
                                "CDA structuré")), metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242")
                .build();
    }

    static String uid() {
        return "1.2.250.1.999.1.1.4242.1." + SEQ.incrementAndGet();
    }

    static List<String> uniqueIds(SearchResult r) {
        return r.entries().stream().map(DocumentEntry::uniqueId).toList();
    }

    // ---------------------------------------------------------------------------------------------------- VIHF

    @Test
    void everyCallCarriesAVerifiedVihfWithEveryAttribute() {
        PatientId patient = newPatient();
        doctor.testExistence(DmpAccess.of(patient));
        DmpCaller caller = simulator.callers().get(simulator.callers().size() - 1);
        assertThat(caller.nationalId()).isEqualTo("8" + DOCTOR_RPPS);
        assertThat(caller.mode()).isEqualTo("DIRECTE");
        assertThat(caller.professionCode()).isEqualTo("10");
        assertThat(caller.specialtyCode()).isEqualTo("SM26");
        assertThat(caller.purposeOfUse()).isEqualTo("normal");
        assertThat(caller.patientCx()).isEqualTo(patient.toCx());
        assertThat(caller.vihfVersion()).isEqualTo("3.0");
        assertThat(caller.homologationId()).isEqualTo("HOMOL-TEST-0042");
        assertThat(caller.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256.xmlDsigUri());
        assertThat(caller.secretConnection()).isFalse();
    }

    @Test
    void sha1VihfWithTheOtherSpellingIsAccepted() {
        Vihf legacy = Vihf.builder().mode(AuthenticationMode.INDIRECT).professional("8" + DOCTOR_RPPS, null)
                .profession(Vihf.profession("60", "Infirmier")).structureId(STRUCTURE).activitySector("SA01")
                .software(software).signingCredential(credential(orgSign))
                .signatureAlgorithm(SignatureAlgorithm.RSA_SHA1).authenticationModeAttributeName("Authentification_Mode")
                .version("4.0").build();
        try (DmpClient c = client(legacy, credential(orgAuth))) {
            c.testExistence(DmpAccess.of(newPatient()));
        }
        DmpCaller caller = simulator.callers().get(simulator.callers().size() - 1);
        assertThat(caller.mode()).isEqualTo("INDIRECTE");
        assertThat(caller.vihfVersion()).isEqualTo("4.0");
        assertThat(caller.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA1.xmlDsigUri());
    }

    @Test
    void vihfSignedOutsideThePkiIsAnAuthenticationError() {
        TestPki otherPki = TestPki.create("AUTRE");
        IssuedCredential stranger = otherPki.issueCps(
                CpsProfile.physician(DOCTOR_RPPS).toBuilder().usage(CpsUsage.SIGNATURE).build());
        try (DmpClient c = client(direct("8" + DOCTOR_RPPS, credential(stranger)), credential(doctorAuth))) {
            assertThatThrownBy(() -> c.testExistence(DmpAccess.of(newPatient())))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void indirectVihfMustNameTheCertificatesStructure() {
        Vihf wrong = Vihf.builder().mode(AuthenticationMode.INDIRECT).professional("8" + DOCTOR_RPPS, null)
                .profession(Vihf.profession("60", "Infirmier")).structureId("10B9999999").activitySector("SA01")
                .software(software).signingCredential(credential(orgSign)).build();
        try (DmpClient c = client(wrong, credential(orgAuth))) {
            assertThatThrownBy(() -> c.testExistence(DmpAccess.of(newPatient())))
                    .isInstanceOfSatisfying(AuthenticationException.class,
                            e -> assertThat(e.subcode()).contains("DMPInvalidVihf"));
        }
    }

    @Test
    void vihfConfigurationIsCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> Vihf.builder().mode(AuthenticationMode.DIRECT).professional("810001234567", null)
                .profession(Vihf.profession("10", "Médecin")).structureId("499900063480001").activitySector("SA07")
                .software(SoftwareInfo.builder().productName("X").productVersion("1").installationId(UUID.randomUUID())
                        .build())
                .signingCredential(credential(doctorSign)).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .contains("vihf.specialty", "vihf.software.dmpHomologationId"));
    }

    // ---------------------------------------------------------------------------------------------------- TD0.x, TD1.1

    @Test
    void existenceCreationAndAuthorisation() {
        Ins ins = Ins.of("293016912304543", InsAuthority.NIR_TEST);
        PatientIdentity identity = PatientIdentity.restore(IdentityTraits.builder().birthName("LACOMBE")
                .birthFirstNamesList("ODILE MARGAUX").sex(Sex.F).birthDate("1993-01-16").build(),
                IdentityStatus.QUALIFIED, ins, Set.of());
        // tag::existence[]
        PatientId patient = PatientId.of(identity);               // refuses an identity that is not qualified
        DmpStatus status = doctor.testExistence(DmpAccess.of(patient));
        if (!status.exists()) {
            status = doctor.create(identity);                      // TD1.1, with the patient's consent
        }
        if (status.authorisation() != DmpStatus.Authorisation.VALID) {
            doctor.authorise(patient);                             // TD0.3, with the patient's consent
        }
        // end::existence[]
        assertThat(status.state()).isEqualTo(DmpStatus.State.ACTIVE);
        assertThat(record(patient).isAuthorised("8" + DOCTOR_RPPS)).isTrue();
        assertThat(doctor.testExistence(DmpAccess.of(patient)).authorisation())
                .isEqualTo(DmpStatus.Authorisation.VALID);
        doctor.removeAuthorisation(patient);
        assertThat(doctor.testExistence(DmpAccess.of(patient)).authorisation())
                .isEqualTo(DmpStatus.Authorisation.NONE);
        assertThatThrownBy(() -> doctor.create(identity)).isInstanceOf(ServiceFaultException.class);
    }

    @Test
    void unknownPatientHasNoDmpAndBlockedProfessionalCannotAuthoriseHimself() {
        String number = "1850775123" + String.format("%03d", SEQ.incrementAndGet() % 1000);
        Ins ins = Ins.of(number + Ins.computeKey(number), InsAuthority.NIR_TEST);
        PatientId unknown = PatientId.ofIns(ins.matricule(), ins.oid());
        assertThat(other.testExistence(DmpAccess.of(unknown)).state()).isEqualTo(DmpStatus.State.NOT_FOUND);
        PatientId patient = newPatient();
        record(patient).block("8" + OTHER_RPPS);
        assertThat(other.testExistence(DmpAccess.of(patient)).authorisation())
                .isEqualTo(DmpStatus.Authorisation.BLOCKED);
        assertThatThrownBy(() -> other.authorise(patient)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void unqualifiedIdentityIsRefusedBeforeAnyCall() {
        PatientIdentity provisional = PatientIdentity.provisional(IdentityTraits.builder().birthName("LACOMBE")
                .birthFirstNames("ODILE").sex(Sex.F).birthDate("1993-01-16").build(),
                new Operator(OperatorRole.DELEGATED_STAFF, "cpe-1"), Instant.now());
        int before = simulator.server().captured().size();
        assertThatThrownBy(() -> PatientId.of(provisional)).isInstanceOf(IdentityRuleException.class);
        assertThatThrownBy(() -> doctor.create(provisional)).isInstanceOf(IdentityRuleException.class);
        assertThat(simulator.server().captured()).hasSize(before);
    }

    // ---------------------------------------------------------------------------------------------------- feed, search, retrieve

    @Test
    void feedSearchAndRetrieveStreamed() throws Exception {
        PatientId patient = newPatient();
        String uniqueId = uid();
        // tag::feed[]
        Submission submission = submission(patient, uniqueId, Visibility.normal(), DOCTOR_RPPS);
        doctor.feed(DmpAccess.of(patient), submission);           // TD2.1: ITI-41, the document as an MTOM part
        // end::feed[]
        // tag::search[]
        SearchResult found = doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient)
                .classCodes(CodedValue.classCode("10", "Compte rendu"))
                .build());                                           // TD3.1: ITI-18
        DocumentEntry entry = found.entries().get(0);
        Path target = Files.createTempFile("dmp", ".xml");
        try (RetrievedDocument document = doctor.retrieve(DmpAccess.of(patient), entry)) {   // TD3.2: ITI-43
            try (InputStream in = document.content()) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // end::search[]
        assertThat(uniqueIds(found)).containsExactly(uniqueId);
        assertThat(entry.status()).isEqualTo(DocumentStatus.APPROVED);
        assertThat(entry.repositoryUniqueId()).isEqualTo(DmpSimulator.REPOSITORY_ID);
        assertThat(Files.readString(target)).isEqualTo(CDA);
        Files.delete(target);
        assertThat(record(patient).patientView()).containsExactly(uniqueId);
        assertThat(doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient)
                .classCodes(CodedValue.classCode("11", "Synthèse")).build()).entries()).isEmpty();
    }

    @Test
    void replacementDeprecatesTheEarlierVersion() {
        PatientId patient = newPatient();
        String first = uid();
        doctor.feed(DmpAccess.of(patient), submission(patient, first, Visibility.normal(), DOCTOR_RPPS));
        DocumentEntry old = doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())
                .entries().get(0);
        String second = uid();
        Submission replacement = Submission.builder()
                .document(submission(patient, second, Visibility.normal(), DOCTOR_RPPS).document(),
                        submission(patient, second, Visibility.normal(), DOCTOR_RPPS).metadata())
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242")
                .replaces(Replacement.of(old))
                .build();
        doctor.feed(DmpAccess.of(patient), replacement);
        assertThat(uniqueIds(doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())))
                .containsExactly(second);
        assertThat(uniqueIds(doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient)
                .statuses(DocumentStatus.DEPRECATED).build()))).containsExactly(first);
    }

    @Test
    void feedingNeedsAnOpenDmpAndAnAuthorisation() {
        PatientId patient = newPatient();
        assertThatThrownBy(() -> other.feed(DmpAccess.of(patient), submission(patient, uid(), Visibility.normal(),
                OTHER_RPPS))).isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).contains("DMPAuthorizationError"));
        record(patient).closeDmp();
        assertThatThrownBy(() -> doctor.feed(DmpAccess.of(patient), submission(patient, uid(), Visibility.normal(),
                DOCTOR_RPPS))).isInstanceOfSatisfying(ServiceFaultException.class,
                        e -> assertThat(e.code()).contains("DMPClosed"));
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        PatientId patient = newPatient();
        PatientId someoneElse = newPatient();
        int before = simulator.server().captured().size();
        assertThatThrownBy(() -> doctor.feed(DmpAccess.of(someoneElse),
                submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> doctor.search(DmpAccess.of(someoneElse), DocumentQuery.findDocuments(patient).build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> doctor.delete(patient, "not-an-oid")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> DocumentMetadata.builder().patientId(patient).build())
                .isInstanceOf(InvalidRequestException.class);
        assertThat(simulator.server().captured()).hasSize(before);
    }

    // ---------------------------------------------------------------------------------------------------- rules

    @Test
    void structureCertificateFeedsAndDeletesItsOwnDocumentsButCannotConsult() {
        PatientId patient = newPatient();
        String uniqueId = uid();
        structure.feed(DmpAccess.of(patient), submission(patient, uniqueId, Visibility.normal(), DOCTOR_RPPS));
        assertThatThrownBy(() -> structure.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> structure.maskFromProfessionals(patient, uniqueId))
                .isInstanceOf(AccessDeniedException.class);
        structure.delete(patient, uniqueId);
        assertThat(record(patient).entries()).extracting(PatientRecord.Entry::status)
                .containsExactly(DocumentStatus.DELETED.urn());
    }

    @Test
    void maskedDocumentsAreSeenByTheirAuthorOnlyWhoAloneUnmasks() {
        PatientId patient = newPatient();
        record(patient).authorise("8" + OTHER_RPPS);
        String uniqueId = uid();
        doctor.feed(DmpAccess.of(patient), submission(patient, uniqueId, Visibility.normal(), DOCTOR_RPPS));
        String entryBefore = record(patient).entries().get(0).entryUuid();
        // tag::mask[]
        DocumentEntry masked = doctor.maskFromProfessionals(patient, uniqueId);   // TD3.3a: ITI-57
        // end::mask[]
        assertThat(masked.visibility().has(Visibility.Flag.MASKED_FROM_PROFESSIONALS)).isTrue();
        assertThat(masked.entryUuid()).isNotEqualTo(entryBefore);
        assertThat(uniqueIds(other.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())))
                .isEmpty();
        assertThat(uniqueIds(doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())))
                .containsExactly(uniqueId);
        assertThatThrownBy(() -> other.unmaskToProfessionals(patient, uniqueId)).isInstanceOf(ServiceFaultException.class);
        DocumentEntry unmasked = doctor.unmaskToProfessionals(patient, uniqueId);
        assertThat(unmasked.visibility().flags()).isEmpty();
        assertThat(uniqueIds(other.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())))
                .containsExactly(uniqueId);
        assertThat(record(patient).entries()).extracting(PatientRecord.Entry::version).containsExactly(1, 2, 3);
    }

    @Test
    void patientAndLegalRepresentativeViews() {
        PatientId patient = newPatient();
        String hidden = uid();
        String secret = uid();
        // tag::hidden[]
        doctor.feed(DmpAccess.of(patient), submission(patient, hidden,
                Visibility.of(Visibility.Flag.HIDDEN_FROM_PATIENT), DOCTOR_RPPS));   // before the announcement
        // end::hidden[]
        doctor.feed(DmpAccess.of(patient).minorSecretConnection(),
                submission(patient, secret, Visibility.normal(), DOCTOR_RPPS));
        assertThat(record(patient).patientView()).containsExactly(secret);
        assertThat(record(patient).legalRepresentativeView()).isEmpty();
        // tag::announce[]
        doctor.makeVisibleToPatient(patient, hidden);             // TD3.3b, after the announcement consultation
        // end::announce[]
        assertThat(record(patient).patientView()).containsExactlyInAnyOrder(hidden, secret);
        assertThat(record(patient).legalRepresentativeView()).containsExactly(hidden);
        doctor.makeVisibleToLegalRepresentatives(patient, secret);
        assertThat(record(patient).legalRepresentativeView()).containsExactlyInAnyOrder(hidden, secret);
    }

    @Test
    void breakGlassIsRecordedAndRefusedWhenThePatientOpposed() {
        PatientId patient = newPatient();
        doctor.feed(DmpAccess.of(patient), submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS));
        assertThatThrownBy(() -> other.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()))
                .isInstanceOf(AccessDeniedException.class);
        SearchResult emergency = other.search(DmpAccess.of(patient).breakGlass(),
                DocumentQuery.findDocuments(patient).build());
        assertThat(emergency.entries()).hasSize(1);
        assertThat(simulator.accessLog()).anySatisfy(a -> {
            assertThat(a.nationalId()).isEqualTo("8" + OTHER_RPPS);
            assertThat(a.patientCx()).isEqualTo(patient.toCx());
            assertThat(a.purposeOfUse()).isEqualTo("bris_de_glace");
        });
        record(patient).opposeEmergencyAccess(true);
        assertThatThrownBy(() -> other.search(DmpAccess.of(patient).emergencyCallCentre(),
                DocumentQuery.findDocuments(patient).build())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void archiveUnarchiveAndDelete() {
        PatientId patient = newPatient();
        String uniqueId = uid();
        doctor.feed(DmpAccess.of(patient), submission(patient, uniqueId, Visibility.normal(), DOCTOR_RPPS));
        doctor.archive(patient, uniqueId);
        assertThat(doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()).entries())
                .isEmpty();
        assertThat(uniqueIds(doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient)
                .statuses(DocumentStatus.ARCHIVED).build()))).containsExactly(uniqueId);
        assertThatThrownBy(() -> doctor.archive(patient, uniqueId)).isInstanceOf(InvalidRequestException.class);
        doctor.unarchive(patient, uniqueId);
        record(patient).authorise("8" + OTHER_RPPS);
        assertThatThrownBy(() -> other.delete(patient, uniqueId)).isInstanceOf(AccessDeniedException.class);
        doctor.delete(patient, uniqueId);
        assertThat(record(patient).patientView()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------- PHI

    @Test
    void wireLogShowsNoPatientData() throws Exception {
        PatientId patient = newPatient();
        doctor.feed(DmpAccess.of(patient), submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS));
        DocumentEntry e = doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())
                .entries().get(0);
        try (RetrievedDocument d = doctor.retrieve(DmpAccess.of(patient), e)) {
            d.content().transferTo(new ByteArrayOutputStream());
        }
        Path log = Path.of("target/dmp-wire.log");
        assertThat(log).exists();
        String text = Files.readString(log);
        assertThat(text).contains("ProvideAndRegisterDocumentSet").contains("RetrieveDocumentSet");
        assertThat(text).doesNotContain(patient.matricule()).doesNotContain("Compte rendu</title>")
                .doesNotContain("293016912304543");
    }
}
