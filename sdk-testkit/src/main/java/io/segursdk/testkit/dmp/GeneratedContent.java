package io.segursdk.testkit.dmp;

import java.io.InputStream;
import java.util.Objects;

/**
 * A large test document that is never held in memory: pseudo-random bytes (xorshift) generated as they are read, the
 * same bytes for the same seed and size. Feed it through {@code DmpDocument.of(() -> new GeneratedContent(seed,
 * size), ...)} or an outbox, and check what comes back against a digest of a second instance; the
 * {@link DmpSimulator} keeps such documents on disk, so gigabytes go through with a small heap.
 */
public final class GeneratedContent extends InputStream {

    private long state;
    private long remaining;

    /**
     * @param seed any number: the same seed gives the same bytes
     * @param size the number of bytes, at least 0
     * @throws IllegalArgumentException when the size is negative
     */
    public GeneratedContent(long seed, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0");
        }
        this.state = seed | 1; // xorshift never leaves 0
        this.remaining = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            b[off + i] = (byte) state;
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(remaining, Integer.MAX_VALUE);
    }
}
