package io.segursdk.samples.batch;

import io.segursdk.core.error.SegurException;
import io.segursdk.ins.IdentityDocumentType;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One input row: either the patient to look up (traits, optional INS to verify, optional identity document checked
 * at the desk), or why the row cannot be used.
 */
record PatientRow(int line, String id, IdentityTraits traits, Ins ins, IdentityDocumentType document, String problem) {

    /** The columns read; {@code birthName}, {@code firstNames}, {@code sex} and {@code birthDate} are required. */
    static final List<String> COLUMNS = List.of("id", "birthName", "firstNames", "sex", "birthDate", "birthPlace",
            "ins", "insOid", "identityDocument");

    /** OID of INS-NIR, used when a row gives an INS without {@code insOid}. */
    static final String OID_NIR = "1.2.250.1.213.1.4.8";

    boolean valid() {
        return problem == null;
    }

    /**
     * Reads a row against the header.
     *
     * @param line   the line number in the file (1 is the header)
     * @param text   the line
     * @param header column name (lower case) to position
     * @return the row, possibly invalid
     */
    static PatientRow parse(int line, String text, Map<String, Integer> header) {
        List<String> fields;
        try {
            fields = Csv.parseLine(text);
        } catch (IllegalArgumentException e) {
            return invalid(line, "", "malformed CSV: " + e.getMessage());
        }
        String id = field(fields, header, "id").orElse("");
        int expected = header.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (fields.size() != expected) {
            return invalid(line, id, "expected " + expected + " columns, found " + fields.size());
        }
        List<String> problems = new ArrayList<>();
        IdentityTraits traits = null;
        try {
            IdentityTraits.Builder b = IdentityTraits.builder()
                    .birthName(field(fields, header, "birthname").orElse(null))
                    .birthFirstNamesList(field(fields, header, "firstnames").orElse(""))
                    .sex(field(fields, header, "sex").orElse(""))
                    .birthDate(field(fields, header, "birthdate").orElse(null));
            field(fields, header, "birthplace").ifPresent(b::birthPlace);
            traits = b.build();
        } catch (SegurException | IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Ins ins = null;
        Optional<String> matricule = field(fields, header, "ins");
        if (matricule.isPresent()) {
            try {
                ins = Ins.of(matricule.get(), field(fields, header, "insoid").orElse(OID_NIR));
            } catch (SegurException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        IdentityDocumentType document = null;
        Optional<String> doc = field(fields, header, "identitydocument");
        if (doc.isPresent()) {
            try {
                document = IdentityDocumentType.valueOf(doc.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("identityDocument: unknown type (one of NATIONAL_IDENTITY_CARD, PASSPORT, ...)");
            }
        }
        if (!problems.isEmpty()) {
            return invalid(line, id, String.join("; ", problems));
        }
        return new PatientRow(line, id, traits, ins, document, null);
    }

    private static PatientRow invalid(int line, String id, String problem) {
        return new PatientRow(line, id, null, null, null, problem);
    }

    private static Optional<String> field(List<String> fields, Map<String, Integer> header, String column) {
        Integer at = header.get(column.toLowerCase(Locale.ROOT));
        if (at == null || at >= fields.size() || fields.get(at).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fields.get(at));
    }
}
