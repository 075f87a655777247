package io.segursdk.samples.batch;

import java.util.List;

/**
 * One output row, for one input row.
 *
 * @param line           the input line number
 * @param id             the vendor's patient reference from the input
 * @param operation      {@code SEARCH}, {@code VERIFY}, or empty for an unusable row
 * @param status         what happened (see {@link Status})
 * @param insiOutcome    INSi's answer ({@code FOUND}, {@code NOT_FOUND}, {@code SEVERAL_FOUND}) or the
 *                       verification's outcome; empty when INSi was not reached
 * @param ins            the INS (matricule) retrieved or verified, when there is one
 * @param insOid         its authority's OID
 * @param identityStatus the identity's status afterwards (RNIV: {@code PROVISIONAL}, {@code RETRIEVED},
 *                       {@code QUALIFIED})
 * @param detail         why, for rows not done
 */
record RowResult(int line, String id, String operation, Status status, String insiOutcome, String ins, String insOid,
                 String identityStatus, String detail) {

    /** How a row ended. */
    enum Status {
        /** INS retrieved (or verified) and the identity qualified: an identity document was checked. */
        QUALIFIED,
        /** INS retrieved (or verified) but no identity document recorded: the identity is RETRIEVED, not shareable. */
        RETRIEVED,
        /** INSi answered, without one identity to take (not found, several found, verification refused). */
        NO_MATCH,
        /** The row cannot be used (malformed CSV, invalid traits or INS); nothing was sent. */
        INVALID,
        /** The call failed (after retries when the failure was transient). */
        ERROR,
        /** The batch stopped before this row. */
        CANCELLED
    }

    /** The header of the result file. */
    static final List<String> HEADER = List.of("line", "id", "operation", "status", "insiOutcome", "ins", "insOid",
            "identityStatus", "detail");

    List<String> fields() {
        return List.of(Integer.toString(line), id, operation, status.name(), insiOutcome, ins, insOid,
                identityStatus, detail);
    }
}
