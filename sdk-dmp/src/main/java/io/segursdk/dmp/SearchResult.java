package io.segursdk.dmp;

import java.util.List;

/**
 * The answer to a {@link DocumentQuery}: the entries found and, for a partial success, the registry's warnings.
 *
 * @param entries  the entries found, possibly none
 * @param warnings the warnings (on a partial success), possibly none
 */
public record SearchResult(List<DocumentEntry> entries, List<RegistryError> warnings) {

    /** Copies both lists. */
    public SearchResult {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** @return whether the registry reported a partial success */
    public boolean partial() {
        return !warnings.isEmpty();
    }
}
