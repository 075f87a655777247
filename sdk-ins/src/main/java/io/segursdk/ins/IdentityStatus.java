package io.segursdk.ins;

/**
 * The four confidence statuses of a digital identity (RNIV, requirement EXI SI 07), by two questions: was the INS
 * retrieved or verified through INSi, and were the traits checked against a high-trust identity document?
 *
 * <pre>
 *                      not from INSi        from INSi
 *   not checked        PROVISIONAL (PROV)   RETRIEVED (RECUP)
 *   checked            VALIDATED (VALI)     QUALIFIED (QUAL)
 * </pre>
 *
 * Only {@link #QUALIFIED} lets the INS be used to share health data (RNIV EXI SI 08).
 */
public enum IdentityStatus {
    /** Identité provisoire: neither retrieved through INSi nor checked against a high-trust document. */
    PROVISIONAL("PROV", false, false),
    /** Identité récupérée: INS retrieved through INSi, traits not yet checked against a high-trust document. */
    RETRIEVED("RECUP", true, false),
    /** Identité validée: traits checked against a high-trust document, INS not retrieved through INSi. */
    VALIDATED("VALI", false, true),
    /** Identité qualifiée: INS retrieved through INSi and traits checked against a high-trust document. */
    QUALIFIED("QUAL", true, true);

    private final String code;
    private final boolean insiRetrieved;
    private final boolean documentChecked;

    IdentityStatus(String code, boolean insiRetrieved, boolean documentChecked) {
        this.code = code;
        this.insiRetrieved = insiRetrieved;
        this.documentChecked = documentChecked;
    }

    /** @return the usual code: {@code PROV}, {@code RECUP}, {@code VALI} or {@code QUAL} (FR Core identity status) */
    public String code() {
        return code;
    }

    /** @return whether the INS was retrieved or verified through INSi */
    public boolean isInsiRetrieved() {
        return insiRetrieved;
    }

    /** @return whether the traits were checked against a high-trust document (or the physicians' exception) */
    public boolean isDocumentChecked() {
        return documentChecked;
    }

    static IdentityStatus of(boolean insiRetrieved, boolean documentChecked) {
        if (insiRetrieved) {
            return documentChecked ? QUALIFIED : RETRIEVED;
        }
        return documentChecked ? VALIDATED : PROVISIONAL;
    }
}
