package io.segursdk.outbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntFunction;

/** Reads stored content one chunk at a time: at most one chunk is in memory. */
final class ChunkInputStream extends InputStream {

    private final int chunks;
    private final IntFunction<byte[]> loader;
    private int next;
    private byte[] buffer = new byte[0];
    private int pos;
    private boolean closed;

    ChunkInputStream(int chunks, IntFunction<byte[]> loader) {
        this.chunks = chunks;
        this.loader = loader;
    }

    private boolean fill() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        while (pos >= buffer.length) {
            if (next >= chunks) {
                return false;
            }
            buffer = loader.apply(next++);
            pos = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.length - pos;
    }

    @Override
    public void close() {
        closed = true;
        buffer = new byte[0];
    }
}
