package io.segursdk.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.ins.IdentityRuleException;
import io.segursdk.ins.IdentityStatus;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.ins.Sex;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CdaHeaderTest {

    static DmpDocument.ContentSource resource(String name) {
        return () -> CdaHeaderTest.class.getResourceAsStream("cda/" + name);
    }

    static PatientIdentity qualified(String matricule) {
        return PatientIdentity.restore(IdentityTraits.builder().birthName("ESSAI").birthFirstNamesList("CLAIRE")
                        .sex(Sex.F).birthDate("1979-03-12").build(),
                IdentityStatus.QUALIFIED, Ins.of(matricule, InsAuthority.NIR_TEST), Set.of());
    }

    @Test
    void headerFieldsBecomeTheMetadata() {
        // tag::cda[]
        DmpDocument.ContentSource cda = resource("consultation.xml");
        DocumentMetadata metadata = CdaHeader.read(cda)          // reads the header only, with a hardened parser
                .toMetadata(patientIdentity)                      // the recordTarget must carry this INS
                .classCode(CodedValue.classCode("10", "Compte rendu"))   // not in the header: given explicitly
                .build();
        // end::cda[]
        assertThat(metadata.patientId()).isEqualTo(Fixtures.PATIENT);
        assertThat(metadata.uniqueId()).isEqualTo("1.2.250.1.999.1.1.4243.7^CR-2026-0042");
        assertThat(metadata.title()).isEqualTo("Consultation de suivi");
        assertThat(metadata.typeCode()).isEqualTo(new CodedValue("11488-4", CodedValue.LOINC,
                "CR ou fiche de consultation ou de visite"));
        assertThat(metadata.creationTime()).isEqualTo(Instant.parse("2026-03-02T09:15:30Z"));
        assertThat(metadata.serviceStartTime()).contains(Instant.parse("2026-03-02T08:30:00Z"));
        assertThat(metadata.serviceStopTime()).contains(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(metadata.languageCode()).isEqualTo("fr-FR");
        assertThat(metadata.visibility()).isEqualTo(Visibility.normal());
        assertThat(metadata.healthcareFacilityType().code()).isEqualTo("SA07");
        assertThat(metadata.practiceSetting()).isEqualTo(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"));
        Author author = metadata.authors().get(0);
        assertThat(metadata.authors()).hasSize(1);
        assertThat(author.nationalId()).isEqualTo("810001112223");
        assertThat(author.familyName()).isEqualTo("DUPONT");
        assertThat(author.givenName()).isEqualTo("ALICE");
        assertThat(author.specialty().code()).isEqualTo("G15_10/SM26");
        assertThat(author.specialty().codeSystem()).isEqualTo(CodedValue.AUTHOR_SPECIALTY_SYSTEM);
        assertThat(author.structure()).isEqualTo(new Structure("CABINET DR DUPONT", "499900063480001"));
        // the data passes the bundled value sets
        DmpValueSets.bundled().validate(Submission.builder()
                .document(DmpDocument.of(cda, DmpDocument.MIME_CDA, Fixtures.CDA_FORMAT), metadata)
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4243").build());
    }

    final PatientIdentity patientIdentity = qualified(Fixtures.MATRICULE);

    @Test
    void explicitValuesOverrideTheHeader() {
        Author other = Fixtures.author();
        DocumentMetadata metadata = CdaHeader.read(resource("consultation.xml")).toMetadata(Fixtures.PATIENT)
                .classCode(CodedValue.classCode("10", "Compte rendu"))
                .title("Titre choisi")
                .uniqueId("1.2.250.1.999.1.1.4243.9.1")
                .visibility(Visibility.of(Visibility.Flag.HIDDEN_FROM_PATIENT))
                .authors(java.util.List.of(other))
                .build();
        assertThat(metadata.title()).isEqualTo("Titre choisi");
        assertThat(metadata.uniqueId()).isEqualTo("1.2.250.1.999.1.1.4243.9.1");
        assertThat(metadata.visibility().flags()).containsExactly(Visibility.Flag.HIDDEN_FROM_PATIENT);
        assertThat(metadata.authors()).containsExactly(other);
    }

    @Test
    void aDocumentAboutAnotherPatientIsRefused() {
        CdaHeader header = CdaHeader.read(resource("other-patient.xml"));
        assertThatThrownBy(() -> header.toMetadata(patientIdentity))
                .isInstanceOf(CdaPatientMismatchException.class)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("another patient's INS")
                .hasMessageNotContaining("185127510300077").hasMessageNotContaining(Fixtures.MATRICULE);
        // the same document is fine for its own patient; date-only times are taken in Europe/Paris
        DocumentMetadata.Builder b = header.toMetadata(qualified("185127510300077"));
        assertThat(header.creationTime()).contains(Instant.parse("2026-03-01T23:00:00Z"));
        assertThat(header.author()).isEmpty();
        assertThat(b).isNotNull();
    }

    @Test
    void anUnqualifiedIdentityOrAMissingInsIsRefused() {
        PatientIdentity provisional = PatientIdentity.restore(IdentityTraits.builder().birthName("ESSAI")
                        .birthFirstNamesList("CLAIRE").sex(Sex.F).birthDate("1979-03-12").build(),
                IdentityStatus.PROVISIONAL, null, Set.of());
        CdaHeader header = CdaHeader.read(resource("consultation.xml"));
        assertThatThrownBy(() -> header.toMetadata(provisional)).isInstanceOf(IdentityRuleException.class);
        String noIns = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=\"1.2.3\"/><recordTarget><patientRole>"
                + "<id root=\"1.2.250.1.999.1\" extension=\"IPP1\"/></patientRole></recordTarget></ClinicalDocument>";
        assertThatThrownBy(() -> CdaHeader.read(() -> bytes(noIns)).toMetadata(Fixtures.PATIENT))
                .isInstanceOf(CdaPatientMismatchException.class).hasMessageContaining("carries no INS");
    }

    @Test
    void onlyTheHeaderIsRead() throws IOException {
        byte[] header;
        try (InputStream in = resource("consultation.xml").open()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            header = text.substring(0, text.indexOf("<component>") + "<component>".length())
                    .getBytes(StandardCharsets.UTF_8);
        }
        // a 4 MB body that is not even well-formed: never parsed, and mostly never read
        AtomicLong read = new AtomicLong();
        long bodySize = 4L * 1024 * 1024;
        DmpDocument.ContentSource big = () -> new CountingStream(new SequenceInputStream(
                new ByteArrayInputStream(header), new ByteArrayInputStream(new byte[(int) bodySize])), read);
        CdaHeader h = CdaHeader.read(big);
        assertThat(h.uniqueId()).contains("1.2.250.1.999.1.1.4243.7^CR-2026-0042");
        assertThat(read.get()).isLessThan(bodySize / 4);
    }

    @Test
    void malformedOrHostileXmlIsRefused() {
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&e;</title></ClinicalDocument>";
        assertThatThrownBy(() -> CdaHeader.read(() -> bytes(doctype))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CdaHeader.read(() -> bytes("<html/>"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ClinicalDocument");
        String badTime = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><effectiveTime value=\"2026-03-02\"/>"
                + "</ClinicalDocument>";
        assertThatThrownBy(() -> CdaHeader.read(() -> bytes(badTime))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cda.effectiveTime");
    }

    @Test
    void uniqueIdFormsAreChecked() {
        assertThat(Ids.isDocumentUniqueId("1.2.3^ABC-12")).isTrue();
        assertThat(Ids.isDocumentUniqueId("1.2.3^12345678901234567")).isFalse();   // extension over 16
        assertThat(Ids.isDocumentUniqueId("1.2.3")).isTrue();
        assertThat(Ids.isDocumentUniqueId("x^1")).isFalse();
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static final class CountingStream extends FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
