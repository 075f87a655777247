package io.segursdk.mssante;

/**
 * Limits applied when reading an XDM archive received by mail.
 *
 * @param maxEntries          the most entries accepted
 * @param maxEntryBytes       the largest uncompressed entry
 * @param maxTotalBytes       the largest uncompressed total
 * @param maxCompressionRatio the largest uncompressed/compressed ratio of an entry above 1 MiB (zip bombs)
 */
public record XdmLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {

    /** 100 entries, 20 MiB per entry, 50 MiB in all, ratio 100. */
    public static final XdmLimits DEFAULT = new XdmLimits(100, 20L << 20, 50L << 20, 100);

    /** Checks the limits are positive. */
    public XdmLimits {
        if (maxEntries < 4 || maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxCompressionRatio <= 1) {
            throw new IllegalArgumentException("limits must be positive (at least 4 entries, ratio above 1)");
        }
    }
}
