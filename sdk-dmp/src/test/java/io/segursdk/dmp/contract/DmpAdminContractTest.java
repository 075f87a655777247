package io.segursdk.dmp.contract;

import static io.segursdk.dmp.contract.DmpContractTest.DOCTOR_RPPS;
import static io.segursdk.dmp.contract.DmpContractTest.OTHER_RPPS;
import static io.segursdk.dmp.contract.DmpContractTest.newPatient;
import static io.segursdk.dmp.contract.DmpContractTest.patientFile;
import static io.segursdk.dmp.contract.DmpContractTest.record;
import static io.segursdk.dmp.contract.DmpContractTest.submission;
import static io.segursdk.dmp.contract.DmpContractTest.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.dmp.AuthorisedDmp;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpAdministrativeData;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpPatientChoices;
import io.segursdk.dmp.DmpStatus;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.FeedDecision;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.PatientOppositionException;
import io.segursdk.dmp.ProfessionalAuthorisation;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Visibility;
import io.segursdk.dmp.WithheldDocument;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Patient information and oppositions (seed steps 3.1 and 4.1) and the administrative transactions (TD0.4, TD1.6,
 * TD1.3a) against the DMP simulator, over mutual TLS.
 */
class DmpAdminContractTest {

    static DmpClient doctor;
    static DmpClient other;
    static DmpClient structure;

    @BeforeAll
    static void start() {
        DmpContractTest.start();
        doctor = DmpContractTest.doctor;
        other = DmpContractTest.other;
        structure = DmpContractTest.structure;
    }

    @AfterAll
    static void stop() {
        DmpContractTest.stop();
    }

    static int calls() {
        return DmpContractTest.simulator.server().captured().size();
    }

    // ---------------------------------------------------------------------------------------------------- choices

    @Test
    void feedingAgainstARecordedOppositionIsRefusedBeforeAnyCall() {
        PatientId patient = newPatient();
        Submission submission = submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS);
        // tag::opposition[]
        DmpPatientChoices choices = DmpPatientChoices.none(patient)
                .informedOfFeeding(Instant.now())                          // once per follow-up
                .opposedToFeeding("Suivi dans le cadre d'une procédure judiciaire", "8" + DOCTOR_RPPS,
                        Instant.now());                                    // legitimate reason, accepted
        patientFile.put(patient, choices);                                 // the software's patient file
        // end::opposition[]
        int before = calls();
        assertThatThrownBy(() -> doctor.feed(DmpAccess.of(patient), submission))
                .isInstanceOfSatisfying(PatientOppositionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PatientOppositionException.Kind.FEEDING);
                    assertThat(e).isInstanceOf(AccessDeniedException.class);
                    assertThat(e.getMessage()).doesNotContain(patient.matricule());
                });
        assertThat(calls()).isEqualTo(before);
        assertThat(record(patient).entries()).isEmpty();
        // consultation stays possible: only feeding was opposed
        assertThat(doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()).entries())
                .isEmpty();
        patientFile.put(patient, choices.withdrawFeedingOpposition());
        doctor.feed(DmpAccess.of(patient), submission);
        assertThat(record(patient).entries()).hasSize(1);
    }

    @Test
    void consultingAgainstARecordedOppositionIsRefusedBeforeAnyCallInEveryMode() {
        PatientId patient = newPatient();
        doctor.feed(DmpAccess.of(patient), submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS));
        DocumentEntry entry = doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build())
                .entries().get(0);
        // tag::consultation[]
        patientFile.put(patient, DmpPatientChoices.none(patient)
                .informedOfConsultation("episode-2026-03-02", Instant.now())  // at each new care episode
                .opposedToConsultation(Instant.now()));                       // no reason needed
        // end::consultation[]
        int before = calls();
        for (DmpAccess access : List.of(DmpAccess.of(patient), DmpAccess.of(patient).breakGlass())) {
            assertThatThrownBy(() -> doctor.search(access, DocumentQuery.findDocuments(patient).build()))
                    .isInstanceOfSatisfying(PatientOppositionException.class,
                            e -> assertThat(e.kind()).isEqualTo(PatientOppositionException.Kind.CONSULTATION));
            assertThatThrownBy(() -> doctor.retrieve(access, entry)).isInstanceOf(PatientOppositionException.class);
        }
        assertThat(calls()).isEqualTo(before);
        // feeding stays possible: only consultation was opposed
        doctor.feed(DmpAccess.of(patient), submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS));
        assertThat(record(patient).entries()).hasSize(2);
    }

    @Test
    void choicesAreTypedAndCheckedAndShowNoPatientData() {
        PatientId patient = newPatient();
        DmpPatientChoices c = DmpPatientChoices.none(patient).informedOfConsultation("E1", Instant.EPOCH);
        assertThat(c.informedOfConsultationFor("E1")).isTrue();
        assertThat(c.informedOfConsultationFor("E2")).isFalse();
        assertThat(c.informedOfFeeding()).isEmpty();
        assertThat(c.mayFeed()).isTrue();
        assertThat(c.mayConsult()).isTrue();
        assertThatThrownBy(() -> c.opposedToFeeding(" ", "8" + DOCTOR_RPPS, Instant.EPOCH))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("feedingOpposition.legitimateReason"));
        assertThat(c.opposedToFeeding("motif", "8" + DOCTOR_RPPS, Instant.EPOCH).toString())
                .doesNotContain(patient.matricule()).doesNotContain("motif").contains("opposedToFeeding=true");
        assertThat(DmpPatientChoices.restore(patient, null, c.informedOfConsultation().orElseThrow(), null, null))
                .isEqualTo(c);
    }

    @Test
    void aLookupAnsweringForAnotherPatientIsRefused() {
        PatientId patient = newPatient();
        PatientId someoneElse = newPatient();
        patientFile.put(patient, DmpPatientChoices.none(someoneElse));
        assertThatThrownBy(() -> doctor.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("patientChoices"));
    }

    @Test
    void theClientNeedsAnExplicitLookup() {
        assertThatThrownBy(() -> DmpClient.builder().build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).contains("dmp.patientChoices"));
    }

    @Test
    void withheldDocumentsAreKeptAndVisibleAsWithheld() {
        PatientId patient = newPatient();
        List<Object> vendorRecords = new ArrayList<>();
        Submission useful = submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS);
        Submission notUseful = submission(patient, uid(), Visibility.normal(), DOCTOR_RPPS);
        // tag::withhold[]
        List<FeedDecision> decisions = List.of(
                FeedDecision.decide(useful, patientFile.get(patient), Instant.now()),  // by the patient's choices
                FeedDecision.withhold(notUseful, "Doublon du courrier", "8" + DOCTOR_RPPS, Instant.now()));
        for (FeedDecision decision : decisions) {
            if (decision instanceof FeedDecision.Send send) {
                doctor.feed(DmpAccess.of(patient), send.submission());      // or hand it to an outbox
            } else if (decision instanceof WithheldDocument withheld) {
                vendorRecords.add(withheld);                                // kept, shown as withheld
            }
        }
        // end::withhold[]
        assertThat(record(patient).entries()).extracting(e -> e.uniqueId())
                .containsExactly(useful.metadata().uniqueId());
        assertThat(vendorRecords).singleElement().isInstanceOfSatisfying(WithheldDocument.class, w -> {
            assertThat(w.documentUniqueId()).isEqualTo(notUseful.metadata().uniqueId());
            assertThat(w.reason()).isEqualTo(WithheldDocument.Reason.PROFESSIONAL_DECISION);
            assertThat(w.title()).isEqualTo("Compte rendu de consultation");
            assertThat(w.toString()).doesNotContain(patient.matricule()).doesNotContain("Doublon");
        });
        DmpPatientChoices opposed = DmpPatientChoices.none(patient).opposedToFeeding("motif", "8" + DOCTOR_RPPS,
                Instant.EPOCH);
        FeedDecision byOpposition = FeedDecision.decide(useful, opposed, Instant.EPOCH);
        assertThat(byOpposition).isInstanceOfSatisfying(WithheldDocument.class, w -> {
            assertThat(w.reason()).isEqualTo(WithheldDocument.Reason.PATIENT_OPPOSITION);
            assertThat(w.decidedBy()).isEqualTo("8" + DOCTOR_RPPS);
        });
        assertThatThrownBy(() -> FeedDecision.decide(useful, DmpPatientChoices.none(newPatient())
                .opposedToFeeding("motif", "8" + DOCTOR_RPPS, Instant.EPOCH), Instant.EPOCH))
                .isInstanceOf(InvalidRequestException.class);
    }

    // ---------------------------------------------------------------------------------------------------- TD0.2 flags

    @Test
    void existenceTestSurfacesTheDmpsFlags() {
        PatientId patient = newPatient();
        DmpStatus status = doctor.testExistence(DmpAccess.of(patient));
        assertThat(status.internetAccountOpen()).contains(false);
        assertThat(status.linkedToMonEspaceSante()).contains(true);
        record(patient).internetAccountOpen(true).linkedToMonEspaceSante(false);
        status = doctor.testExistence(DmpAccess.of(patient));
        assertThat(status.internetAccountOpen()).contains(true);
        assertThat(status.linkedToMonEspaceSante()).contains(false);
        assertThat(status.observations()).containsEntry(DmpStatus.INTERNET_ACCOUNT_OPEN, true);
    }

    // ---------------------------------------------------------------------------------------------------- TD0.4

    @Test
    void listOfAuthorisedDmps() {
        LocalDateTime before = LocalDateTime.now(ZoneId.of("Europe/Paris")).minusMinutes(1);
        PatientId fed = newPatient();
        record(fed).identity("LACOMBE", "ODILE", "F", "19930116").attendingPhysician("8" + DOCTOR_RPPS);
        doctor.feed(DmpAccess.of(fed), submission(fed, uid(), Visibility.normal(), DOCTOR_RPPS));
        PatientId notFed = newPatient();
        // tag::td04[]
        List<AuthorisedDmp> recent = doctor.listAuthorisedDmps(before, AuthorisedDmp.Since.LAST_DOCUMENT);
        // end::td04[]
        assertThat(recent).extracting(d -> d.ins().orElseThrow()).contains(fed).doesNotContain(notFed);
        AuthorisedDmp dmp = recent.stream().filter(d -> d.patient().equals(fed)).findFirst().orElseThrow();
        assertThat(dmp.lastName()).isEqualTo("LACOMBE");
        assertThat(dmp.firstName()).isEqualTo("ODILE");
        assertThat(dmp.birthDate()).isEqualTo("19930116");
        assertThat(dmp.attendingPhysician()).isTrue();
        assertThat(dmp.lastDocumentAddedAt()).isPresent();
        assertThat(dmp.toString()).doesNotContain("LACOMBE").doesNotContain(fed.matricule());
        assertThat(doctor.listAuthorisedDmps(before, AuthorisedDmp.Since.LAST_AUTHORISATION))
                .extracting(AuthorisedDmp::patient).contains(fed, notFed);
        assertThat(other.listAuthorisedDmps(before, AuthorisedDmp.Since.LAST_AUTHORISATION))
                .extracting(AuthorisedDmp::patient).doesNotContain(fed, notFed);
        assertThat(doctor.listAuthorisedDmps(before.plusDays(1), AuthorisedDmp.Since.LAST_AUTHORISATION)).isEmpty();
        assertThatThrownBy(() -> structure.listAuthorisedDmps(before, AuthorisedDmp.Since.LAST_DOCUMENT))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> doctor.listAuthorisedDmps(null, null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).hasSize(2));
    }

    // ---------------------------------------------------------------------------------------------------- TD1.6

    @Test
    void listOfAuthorisedAndBlockedProfessionals() {
        PatientId patient = newPatient();
        record(patient).block("8" + OTHER_RPPS);
        doctor.testExistence(DmpAccess.of(patient));
        // tag::td16[]
        List<ProfessionalAuthorisation> professionals = doctor.listProfessionals(patient);
        // end::td16[]
        assertThat(professionals).extracting(ProfessionalAuthorisation::nationalId)
                .containsExactly("8" + DOCTOR_RPPS, "8" + OTHER_RPPS);
        ProfessionalAuthorisation me = professionals.get(0);
        assertThat(me.authorised()).isTrue();
        assertThat(me.specialty()).contains("G15_10/SM26");
        assertThat(me.since()).isNotNull();
        assertThat(professionals.get(1).blocked()).isTrue();
        assertThat(professionals.get(1).rawMode()).isEqualTo("BLOQUE");
        assertThatThrownBy(() -> other.listProfessionals(patient)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> structure.listProfessionals(patient)).isInstanceOf(AccessDeniedException.class);
    }

    // ---------------------------------------------------------------------------------------------------- TD1.3a

    @Test
    void administrativeDataOfTheDmp() {
        PatientId patient = newPatient();
        record(patient).identity("LACOMBE", "ODILE", "F", "19930116").opposeEmergencyAccess(true);
        // tag::td13a[]
        DmpAdministrativeData data = doctor.administrativeData(DmpAccess.of(patient)).orElseThrow();
        boolean noEmergencyAccess = data.opposedToBreakGlass().orElse(false);
        // end::td13a[]
        assertThat(noEmergencyAccess).isTrue();
        assertThat(data.opposedToEmergencyAccess()).contains(true);
        assertThat(data.patient()).isEqualTo(patient);
        assertThat(data.state()).isEqualTo(DmpStatus.State.ACTIVE);
        assertThat(data.familyName()).isEqualTo("LACOMBE");
        assertThat(data.givenName()).isEqualTo("ODILE");
        assertThat(data.sex()).isEqualTo("F");
        assertThat(data.birthDate()).isEqualTo("19930116");
        assertThat(data.deceased()).isFalse();
        assertThat(data.otherIds()).hasSize(1);
        assertThat(data.toString()).doesNotContain("LACOMBE").doesNotContain(patient.matricule());
        record(patient).block("8" + OTHER_RPPS);
        assertThatThrownBy(() -> other.administrativeData(DmpAccess.of(patient)))
                .isInstanceOf(AccessDeniedException.class);
        String number = "2850775123" + String.format("%03d", DmpContractTest.SEQ.incrementAndGet() % 1000);
        io.segursdk.ins.Ins ins = io.segursdk.ins.Ins.of(number + io.segursdk.ins.Ins.computeKey(number),
                io.segursdk.ins.InsAuthority.NIR_TEST);
        assertThat(doctor.administrativeData(DmpAccess.of(PatientId.ofIns(ins.matricule(), ins.oid())))).isEmpty();
    }
}
