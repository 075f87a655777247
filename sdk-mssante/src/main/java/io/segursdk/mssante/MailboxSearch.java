package io.segursdk.mssante;

import io.segursdk.core.error.InvalidRequestException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What to look for in the Annuaire Santé: mailboxes by owner's name, by the professional's national identifier (RPPS)
 * or by address, optionally of some kinds only. Immutable; each {@code only(...)} returns a new search.
 *
 * <pre>{@code
 * MailboxSearch.byName("MARTIN").only(MailboxKind.PERSONAL, MailboxKind.PRACTICE)
 * MailboxSearch.byNationalId("10003461033")
 * MailboxSearch.byAddress("pharmacie.centre@pharmacie.mssante.fr")     // exact address
 * MailboxSearch.byAddress("@ch-xyz.mssante.fr")                         // part of an address
 * }</pre>
 */
public final class MailboxSearch {

    /** How the search selects mailboxes. */
    public enum Criterion {
        /** Professionals whose name matches, and organisations whose name contains the text. */
        NAME,
        /** The professional with this RPPS number (11 digits) or national identifier ({@code 8} + RPPS). */
        NATIONAL_ID,
        /** Mailboxes whose address is the text (when it is a whole address) or contains it. */
        ADDRESS
    }

    private final Criterion criterion;
    private final String value;
    private final Set<MailboxKind> kinds;

    private MailboxSearch(Criterion criterion, String value, Set<MailboxKind> kinds) {
        this.criterion = criterion;
        this.value = value;
        this.kinds = kinds;
    }

    /**
     * @param name a family name, or an organisation's name (at least 2 characters)
     * @return the search
     * @throws InvalidRequestException if the name is too short
     */
    public static MailboxSearch byName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.length() < 2) {
            throw InvalidRequestException.of("name", "at least 2 characters");
        }
        return new MailboxSearch(Criterion.NAME, n, EnumSet.allOf(MailboxKind.class));
    }

    /**
     * @param id an RPPS number (11 digits) or the national identifier built from it ({@code 8} + 11 digits)
     * @return the search
     * @throws InvalidRequestException if it is neither
     */
    public static MailboxSearch byNationalId(String id) {
        String n = id == null ? "" : id.strip();
        if (!n.matches("8?\\d{11}")) {
            throw InvalidRequestException.of("nationalId", "an RPPS number (11 digits) or 8 followed by one");
        }
        return new MailboxSearch(Criterion.NATIONAL_ID, n, EnumSet.allOf(MailboxKind.class));
    }

    /**
     * @param address a whole mailbox address (exact match), or a part of one such as {@code @ch-xyz.mssante.fr}
     *                (at least 3 characters; contains match)
     * @return the search
     * @throws InvalidRequestException if it is too short or holds spaces
     */
    public static MailboxSearch byAddress(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (a.length() < 3 || a.chars().anyMatch(Character::isWhitespace)) {
            throw InvalidRequestException.of("address", "a mailbox address or a part of one, 3 characters or more");
        }
        return new MailboxSearch(Criterion.ADDRESS, a, EnumSet.allOf(MailboxKind.class));
    }

    /**
     * Keeps only mailboxes of these kinds (the directory cannot filter by kind: the client does).
     *
     * @param first  a kind
     * @param others more kinds
     * @return a new search
     */
    public MailboxSearch only(MailboxKind first, MailboxKind... others) {
        EnumSet<MailboxKind> k = EnumSet.of(Objects.requireNonNull(first, "kind"), others);
        return new MailboxSearch(criterion, value, k);
    }

    /** @return the criterion */
    public Criterion criterion() {
        return criterion;
    }

    /** @return the name, identifier or address searched (addresses lower-cased) */
    public String value() {
        return value;
    }

    /** @return the kinds kept */
    public Set<MailboxKind> kinds() {
        return Set.copyOf(kinds);
    }

    /** @return whether {@link #value()} is a whole address, matched exactly */
    public boolean exactAddress() {
        return criterion == Criterion.ADDRESS && MssanteMessage.ADDRESS.matcher(value).matches();
    }

    @Override
    public String toString() {
        return "MailboxSearch[" + criterion + ", kinds=" + kinds + "]";
    }
}
