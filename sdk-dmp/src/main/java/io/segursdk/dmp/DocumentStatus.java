package io.segursdk.dmp;

/** The availability status of a document entry in the DMP registry. */
public enum DocumentStatus {
    /** The current version ({@code urn:oasis:names:tc:ebxml-regrep:StatusType:Approved}). */
    APPROVED("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"),
    /** Replaced by a newer version ({@code urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated}). */
    DEPRECATED("urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated"),
    /** Archived, a DMP status ({@code urn:asip:ci-sis:2010:StatusType:Archived}). */
    ARCHIVED("urn:asip:ci-sis:2010:StatusType:Archived"),
    /** Deleted, a DMP status ({@code urn:asip:ci-sis:2010:StatusType:Deleted}). */
    DELETED("urn:asip:ci-sis:2010:StatusType:Deleted");

    private final String urn;

    DocumentStatus(String urn) {
        this.urn = urn;
    }

    /** @return the status as the registry writes it */
    public String urn() {
        return urn;
    }

    /**
     * @param urn a status as the registry writes it
     * @return the status, or {@code null} when unknown
     */
    public static DocumentStatus ofUrn(String urn) {
        for (DocumentStatus s : values()) {
            if (s.urn.equals(urn)) {
                return s;
            }
        }
        return null;
    }
}
