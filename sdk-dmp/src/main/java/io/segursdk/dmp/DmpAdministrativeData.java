package io.segursdk.dmp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DMP's administrative data, as TD1.3a (consultation of the administrative data) returns it: the patient's
 * identifiers and identity as the DMP holds them, contact details, and the record's flags (among them the patient's
 * oppositions to emergency access). {@link #toString()} shows no patient data.
 *
 * @param patient       the patient's INS
 * @param otherIds      the other identifiers, as {@code oid:value}
 * @param state         {@link DmpStatus.State#ACTIVE} or {@link DmpStatus.State#CLOSED}
 * @param prefix        the civility, or {@code null}
 * @param givenName     the given name, or {@code null}
 * @param familyName    the family name, or {@code null}
 * @param sex           the administrative gender code ({@code M}, {@code F}, {@code U}), or {@code null}
 * @param birthDate     the birth date as sent ({@code yyyyMMdd}), or {@code null}
 * @param telecoms      telephone numbers and e-mail addresses ({@code tel:…}, {@code mailto:…}), without repeats
 * @param addressLines  the address lines, then postal code and city, when sent
 * @param deceased      whether the DMP marks the patient deceased, or {@code null}
 * @param observations  the record's flags ({@code OPPOSITION_BRIS_DE_GLACE}, {@code OPPOSITION_ACCES_URGENCE}, …)
 */
public record DmpAdministrativeData(PatientId patient, List<String> otherIds, DmpStatus.State state, String prefix,
                                    String givenName, String familyName, String sex, String birthDate,
                                    List<String> telecoms, List<String> addressLines, Boolean deceased,
                                    Map<String, Boolean> observations) {

    /** Copies the collections. */
    public DmpAdministrativeData {
        otherIds = otherIds == null ? List.of() : List.copyOf(otherIds);
        telecoms = telecoms == null ? List.of() : List.copyOf(telecoms);
        addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
        observations = observations == null ? Map.of() : Map.copyOf(observations);
    }

    /** @return whether the patient opposed "bris de glace" access, when the DMP said */
    public Optional<Boolean> opposedToBreakGlass() {
        return Optional.ofNullable(observations.get(DmpStatus.OPPOSED_TO_BREAK_GLASS));
    }

    /** @return whether the patient opposed access by the emergency call centre, when the DMP said */
    public Optional<Boolean> opposedToEmergencyAccess() {
        return Optional.ofNullable(observations.get(DmpStatus.OPPOSED_TO_EMERGENCY_ACCESS));
    }

    @Override
    public String toString() {
        return "DmpAdministrativeData[" + state + ", flags=" + observations + "]";
    }
}
