package io.segursdk.mssante;

import java.util.List;

/**
 * The mailboxes an {@link AnnuaireClient} search found. Immutable.
 *
 * @param entries   the mailboxes, in the directory's order, without duplicates
 * @param truncated whether the directory had more pages than the client's page limit allowed it to read: narrow the
 *                  search (or raise {@link AnnuaireClient.Builder#maxPages(int)})
 */
public record MailboxSearchResult(List<MailboxEntry> entries, boolean truncated) {

    /** Copies the list. */
    public MailboxSearchResult {
        entries = List.copyOf(entries);
    }
}
