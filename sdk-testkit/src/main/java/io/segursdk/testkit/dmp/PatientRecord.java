package io.segursdk.testkit.dmp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A patient's DMP in the {@link DmpSimulator}: whether it exists and is open, who is authorised or blocked, whether
 * the patient opposed emergency access, and the documents with what the patient and the legal representatives see.
 * Set it up before the calls under test; read it after. Methods are thread-safe (they lock the simulator).
 */
public final class PatientRecord {

    private final DmpSimulator simulator;
    final String cx;
    boolean exists;
    boolean closed;
    boolean opposedToEmergencyAccess;
    String attendingPhysician = "";
    final Set<String> authorised = new HashSet<>();
    final Set<String> blocked = new HashSet<>();
    final List<StoredDocument> entries = new ArrayList<>();
    final List<SubmissionSignature> signatures = new ArrayList<>();
    final Map<String, Instant> since = new HashMap<>();
    String familyName = "";
    String givenName = "";
    String sex = "U";
    String birthDate = "";
    boolean internetAccountOpen;
    boolean linkedToMonEspaceSante = true;

    PatientRecord(DmpSimulator simulator, String cx) {
        this.simulator = simulator;
        this.cx = cx;
    }

    /** @return this patient, with an open DMP */
    public PatientRecord open() {
        synchronized (simulator) {
            exists = true;
            closed = false;
        }
        return this;
    }

    /** @return this patient, with a closed DMP */
    public PatientRecord closeDmp() {
        synchronized (simulator) {
            exists = true;
            closed = true;
        }
        return this;
    }

    /**
     * @param nationalId a professional's national id
     * @return this patient, the professional authorised
     */
    public PatientRecord authorise(String nationalId) {
        synchronized (simulator) {
            authorised.add(nationalId);
            since.put(nationalId, Instant.now());
        }
        return this;
    }

    /**
     * @param nationalId a professional's national id
     * @return this patient, the professional blocked by the patient
     */
    public PatientRecord block(String nationalId) {
        synchronized (simulator) {
            blocked.add(nationalId);
            authorised.remove(nationalId);
            since.put(nationalId, Instant.now());
        }
        return this;
    }

    /**
     * @param nationalId the professional declared attending physician
     * @return this patient
     */
    public PatientRecord attendingPhysician(String nationalId) {
        synchronized (simulator) {
            attendingPhysician = nationalId;
        }
        return this;
    }

    /**
     * @param opposed whether the patient opposes emergency access (bris de glace, centre 15)
     * @return this patient
     */
    public PatientRecord opposeEmergencyAccess(boolean opposed) {
        synchronized (simulator) {
            opposedToEmergencyAccess = opposed;
        }
        return this;
    }

    /**
     * The identity the DMP holds (TD1.1 sets it from the request; TD0.4 and TD1.3a return it).
     *
     * @param family    the birth (or used) family name
     * @param given     the first given name
     * @param sexCode   {@code M}, {@code F} or {@code U}
     * @param birth     the birth date, {@code yyyyMMdd}
     * @return this patient
     */
    public PatientRecord identity(String family, String given, String sexCode, String birth) {
        synchronized (simulator) {
            familyName = family;
            givenName = given;
            sex = sexCode;
            birthDate = birth;
        }
        return this;
    }

    /**
     * @param open whether the patient activated their Mon espace santé account (TD0.2 flag
     *             {@code COMPTE_INTERNET_OUVERT})
     * @return this patient
     */
    public PatientRecord internetAccountOpen(boolean open) {
        synchronized (simulator) {
            internetAccountOpen = open;
        }
        return this;
    }

    /**
     * @param linked whether the DMP is attached to Mon espace santé (TD0.2 flag {@code RATTACHEMENT_ENS}); true by
     *               default, as for every DMP since Mon espace santé
     * @return this patient
     */
    public PatientRecord linkedToMonEspaceSante(boolean linked) {
        synchronized (simulator) {
            linkedToMonEspaceSante = linked;
        }
        return this;
    }

    /** @return whether the patient has a DMP (open or closed) */
    public boolean exists() {
        synchronized (simulator) {
            return exists;
        }
    }

    /**
     * @param nationalId a professional
     * @return whether the professional is authorised
     */
    public boolean isAuthorised(String nationalId) {
        synchronized (simulator) {
            return authorised.contains(nationalId);
        }
    }

    /**
     * A document version as the simulator holds it.
     *
     * @param entryUuid          the entryUUID
     * @param uniqueId           the uniqueId
     * @param version            the metadata version (1 at feeding, +1 per update)
     * @param status             the status URN
     * @param confidentialityCodes the confidentiality codes
     * @param authorId           the first author's national id
     * @param submitterStructure the structure of the submitter
     */
    public record Entry(String entryUuid, String uniqueId, int version, String status,
                        Set<String> confidentialityCodes, String authorId, String submitterStructure) {
    }

    /**
     * A submission-set signature received with a feed (kept apart from the documents).
     *
     * @param uniqueId             the signature entry's uniqueId
     * @param typeCode             its typeCode
     * @param formatCode           its formatCode
     * @param confidentialityCodes its confidentiality codes
     * @param content              the signature document as received
     */
    public record SubmissionSignature(String uniqueId, String typeCode, String formatCode,
                                      Set<String> confidentialityCodes, byte[] content) {
    }

    /** @return the submission-set signatures received, in submission order */
    public List<SubmissionSignature> signatures() {
        synchronized (simulator) {
            return List.copyOf(signatures);
        }
    }

    /** @return every version of every document, in submission order */
    public List<Entry> entries() {
        synchronized (simulator) {
            List<Entry> out = new ArrayList<>();
            for (StoredDocument s : entries) {
                out.add(new Entry(s.entryUuid, s.uniqueId, s.version, s.status, Set.copyOf(s.codes()), s.authorId,
                        s.submitterStructure));
            }
            return out;
        }
    }

    /** @return the uniqueIds of the documents the patient sees in Mon espace santé (current, not deleted) */
    public List<String> patientView() {
        return view(Set.of("INVISIBLE_PATIENT"));
    }

    /** @return the uniqueIds of the documents a minor's legal representatives see */
    public List<String> legalRepresentativeView() {
        return view(Set.of("INVISIBLE_PATIENT", "INVISIBLE_REPRESENTANTS_LEGAUX"));
    }

    private List<String> view(Set<String> hiddenBy) {
        synchronized (simulator) {
            List<String> out = new ArrayList<>();
            for (StoredDocument s : entries) {
                boolean current = DmpSimulator.APPROVED.equals(s.status) || DmpSimulator.ARCHIVED.equals(s.status);
                if (current && s.codes().stream().noneMatch(hiddenBy::contains)) {
                    out.add(s.uniqueId);
                }
            }
            return out;
        }
    }

    /** @return the TD0.2 flags, as HL7 v3 administrativeObservation elements */
    String statusObservations() {
        return observation("COMPTE_INTERNET_OUVERT", "1.2.250.1.213.4.1.2.9", internetAccountOpen)
                + observation("RATTACHEMENT_ENS", "1.2.250.1.213.4.1.2.3", linkedToMonEspaceSante);
    }

    /** @return the TD1.3a flags: the oppositions to emergency access (one setting for both modes here) */
    String oppositionObservations() {
        return observation("OPPOSITION_BRIS_DE_GLACE", "1.2.250.1.213.4.1.2.3", opposedToEmergencyAccess)
                + observation("OPPOSITION_ACCES_URGENCE", "1.2.250.1.213.4.1.2.3", opposedToEmergencyAccess);
    }

    private static String observation(String code, String system, boolean value) {
        return "<subjectOf typeCode=\"SBJ\"><administrativeObservation classCode=\"OBS\" moodCode=\"EVN\">"
                + "<code code=\"" + code + "\" codeSystem=\"" + system + "\"/><value value=\"" + value
                + "\" xsi:type=\"BL\"/></administrativeObservation></subjectOf>";
    }

    StoredDocument byEntryUuid(String entryUuid) {
        for (StoredDocument s : entries) {
            if (s.entryUuid.equals(entryUuid)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "PatientRecord[exists=" + exists + ", closed=" + closed + ", documents=" + entries.size() + "]";
    }
}
