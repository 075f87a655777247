package io.segursdk.mssante;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of an MSSanté mailbox ("type de BAL", TRE_R257-TypeBAL), as published in the Annuaire Santé and as
 * configured on an {@link MssanteClient}. The kind decides who may use the mailbox and how it authenticates:
 * personal, organisational and practice mailboxes open with a Pro Santé Connect token of a person; applicative
 * mailboxes with an IGC-Santé organisation certificate. Patients may write first only to an organisational mailbox
 * that accepts them (a pharmacy's, receiving prescriptions from Mon espace santé).
 */
public enum MailboxKind {
    /** {@code PER}: a person's mailbox (a professional with an RPPS number). */
    PERSONAL("PER"),
    /** {@code ORG}: a service's or a team's shared mailbox, under a legal entity (for example a pharmacy's). */
    ORGANISATIONAL("ORG"),
    /** {@code APP}: a software's or a machine's mailbox, for automated sending and receiving. */
    APPLICATIVE("APP"),
    /** {@code CAB}: a private practice's mailbox ("cabinet libéral"). */
    PRACTICE("CAB");

    private final String code;

    MailboxKind(String code) {
        this.code = code;
    }

    /** @return the code of the national nomenclature: {@code PER}, {@code ORG}, {@code APP} or {@code CAB} */
    public String code() {
        return code;
    }

    /**
     * The kind with this code.
     *
     * @param code {@code PER}, {@code ORG}, {@code APP} or {@code CAB} (case ignored)
     * @return the kind, or empty for an unknown or missing code
     */
    public static Optional<MailboxKind> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        for (MailboxKind k : values()) {
            if (k.code.equals(c)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
