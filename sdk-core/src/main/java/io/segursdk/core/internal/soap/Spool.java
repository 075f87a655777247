package io.segursdk.core.internal.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Holds a received attachment: in memory up to a threshold, beyond it in a temporary file readable only by this
 * user, deleted on {@link #close()}. The heap never holds more than the threshold per attachment.
 */
final class Spool implements AutoCloseable {

    private byte[] memory;
    private int size;
    private Path file;
    private volatile boolean closed;

    private Spool() {
    }

    /**
     * Copies a stream to its end.
     *
     * @param in        the content
     * @param threshold the largest content kept in memory
     * @return the spool
     * @throws IOException when reading or spooling fails (nothing is left behind)
     */
    static Spool of(InputStream in, int threshold) throws IOException {
        Spool s = new Spool();
        try {
            s.copy(in, threshold);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void copy(InputStream in, int threshold) throws IOException {
        memory = new byte[Math.min(threshold, 8192)];
        while (true) {
            if (size == memory.length) {
                if (size >= threshold) {
                    break;
                }
                memory = Arrays.copyOf(memory, Math.min(threshold, memory.length * 2));
            }
            int n = in.read(memory, size, memory.length - size);
            if (n < 0) {
                return;
            }
            size += n;
        }
        file = Files.createTempFile("segursdk-attachment-", ".bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(memory, 0, size);
            memory = null;
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        }
    }

    /**
     * @return a new stream over the content
     * @throws IOException when the spool was closed or its file cannot be read
     */
    InputStream open() throws IOException {
        if (closed) {
            throw new IOException("the response was closed: its attachments can no longer be read");
        }
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(memory, 0, size);
    }

    @Override
    public void close() {
        closed = true;
        memory = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary directory's own clean-up will remove it
            }
        }
    }
}
