package io.segursdk.dmp;

import io.segursdk.core.error.Violations;

import java.util.Objects;

/**
 * The earlier document a new one replaces (IHE {@code RPLC}). The XDS association targets the earlier entry's
 * entryUUID, which changes at every metadata update: take it from a search made just before the replacement. The
 * uniqueId is the one the new CDA document carries in its {@code relatedDocument typeCode="RPLC"}.
 *
 * @param entryUuid the earlier entry's current entryUUID ({@code urn:uuid:...})
 * @param uniqueId  the earlier document's uniqueId (an OID)
 */
public record Replacement(String entryUuid, String uniqueId) {

    /**
     * Checks both identifiers.
     *
     * @throws io.segursdk.core.error.InvalidRequestException listing every problem
     */
    public Replacement {
        Violations v = new Violations();
        v.require(entryUuid != null && Ids.isUrnUuid(entryUuid), "replacement.entryUuid",
                "must be a urn:uuid: entryUUID (not a uniqueId)");
        v.require(uniqueId != null && Ids.isOid(uniqueId), "replacement.uniqueId", "must be an OID");
        v.throwIfAny();
        Objects.requireNonNull(entryUuid);
    }

    /**
     * The replacement of a document found by a search.
     *
     * @param entry the entry to replace
     * @return the replacement
     */
    public static Replacement of(DocumentEntry entry) {
        return new Replacement(entry.entryUuid(), entry.uniqueId());
    }
}
