package io.segursdk.dmp;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One DMP the professional is authorised on, as TD0.4 (list of authorised DMPs) returns it. Dates are the DMP's local
 * time, as sent. {@link #toString()} shows no patient data.
 *
 * @param patient            the patient's INS, when the DMP sent one (else see {@code otherIdentifiers})
 * @param otherIdentifiers   the other identifiers sent, as {@code oid:value} (for example the DMP's internal id)
 * @param lastName           the patient's last name
 * @param firstName          the patient's first name
 * @param birthDate          the birth date as sent ({@code yyyyMMdd}, possibly with zeros for unknown parts)
 * @param attendingPhysician whether the professional is the patient's attending physician on the DMP
 * @param message            the DMP's {@code message} flag, as sent
 * @param lastAccess         the professional's last access, or {@code null}
 * @param lastUpdate         the record's last update, or {@code null}
 * @param lastDocumentAdded  when the last document was added, or {@code null}
 */
public record AuthorisedDmp(PatientId patient, List<String> otherIdentifiers, String lastName, String firstName,
                            String birthDate, boolean attendingPhysician, boolean message, LocalDateTime lastAccess,
                            LocalDateTime lastUpdate, LocalDateTime lastDocumentAdded) {

    /** Copies the list. */
    public AuthorisedDmp {
        otherIdentifiers = otherIdentifiers == null ? List.of() : List.copyOf(otherIdentifiers);
    }

    /** @return the patient's INS, when sent */
    public Optional<PatientId> ins() {
        return Optional.ofNullable(patient);
    }

    /** @return the last document's addition, when sent */
    public Optional<LocalDateTime> lastDocumentAddedAt() {
        return Optional.ofNullable(lastDocumentAdded);
    }

    @Override
    public String toString() {
        return "AuthorisedDmp[attendingPhysician=" + attendingPhysician + ", lastDocumentAdded=" + lastDocumentAdded
                + "]";
    }

    /** Which date TD0.4 filters the list by. */
    public enum Since {
        /** DMPs with a document added since the date ({@code LASTDOC}). */
        LAST_DOCUMENT("LASTDOC"),
        /** DMPs on which the authorisation was given since the date ({@code LASTAUTORIZATION}). */
        LAST_AUTHORISATION("LASTAUTORIZATION");

        private final String code;

        Since(String code) {
            this.code = code;
        }

        /** @return the code sent to the DMP */
        public String code() {
            return code;
        }
    }
}
