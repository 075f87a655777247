package io.segursdk.mssante;

import java.util.Objects;
import java.util.Optional;

/**
 * An MSSanté mailbox found in the Annuaire Santé. Immutable. Directory data about professionals, not patient data.
 *
 * @param address     the mailbox address, e.g. {@code julie.martin@medecin.mssante.fr}
 * @param kind        the mailbox kind
 * @param ownerName   who the mailbox belongs to: the professional's name ({@code "Julie MARTIN"}) for personal and
 *                    practice mailboxes, the organisation's name for organisational and applicative ones; empty when
 *                    the directory gives none
 * @param profession  the owner's profession as the directory labels it (for example {@code "Médecin"}), when known
 * @param structure   the structure the mailbox is attached to (the organisation's name), when known
 * @param nationalId  the owner's national identifier (RPPS-based {@code 8…} identifier of a professional, or the
 *                    structure's identifier), when known
 * @param description the mailbox's description in the directory (for example {@code "Secrétariat"}), when given
 */
public record MailboxEntry(String address, MailboxKind kind, String ownerName, Optional<String> profession,
                           Optional<String> structure, Optional<String> nationalId, Optional<String> description) {

    /** Checks the mandatory fields. */
    public MailboxEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ownerName, "ownerName");
        Objects.requireNonNull(profession, "profession");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(description, "description");
    }
}
