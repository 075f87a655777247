package io.segursdk.testkit.internal;

import io.segursdk.testkit.server.BodyReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads MIME multipart request bodies as they arrive and writes every part larger than a threshold to a file of a
 * directory, so that a simulator takes documents far larger than its heap. The body it returns is the body as
 * received, byte for byte, except that each such part's content is replaced by a short placeholder (see
 * {@link #take(byte[])}); bodies that are not multipart are read whole. Thread-safe.
 *
 * <p>The SHA-1 and size of a written part are computed as it is written. The files belong to the directory's owner:
 * a part {@linkplain #take(byte[]) taken} is the taker's to delete, the others are deleted by
 * {@link #discard(byte[])} or with the directory.
 */
public final class MultipartSpooler implements BodyReader {

    private static final String MARKER = "segur-spooled:";
    private static final int MAX_HEADERS = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    /**
     * A part written to a file.
     *
     * @param file the file holding the part's content
     * @param size the content's size in bytes
     * @param sha1 the content's SHA-1, lower-case hexadecimal
     */
    public record Spooled(Path file, long size, String sha1) {
    }

    private final Path directory;
    private final int threshold;
    private final Map<String, Spooled> spooled = new ConcurrentHashMap<>();

    /**
     * @param directory where the large parts are written (it must exist)
     * @param threshold the largest part kept in memory, in bytes
     */
    public MultipartSpooler(Path directory, int threshold) {
        this.directory = directory;
        this.threshold = threshold;
    }

    @Override
    public byte[] read(String contentType, InputStream body) throws IOException {
        String boundary = contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")
                ? null : Multipart.parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            return body.readAllBytes();
        }
        return new Pass(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1)).run();
    }

    /**
     * Takes the part that a placeholder stands for: the file is then the caller's.
     *
     * @param content the content of a part as read from the returned body
     * @return the written part, or empty when the content is not a placeholder of this spooler (or was taken)
     */
    public Optional<Spooled> take(byte[] content) {
        String key = key(content);
        return key == null ? Optional.empty() : Optional.ofNullable(spooled.remove(key));
    }

    /**
     * Deletes the file of a placeholder not taken; does nothing for other contents.
     *
     * @param content the content of a part as read from the returned body
     */
    public void discard(byte[] content) {
        take(content).ifPresent(s -> {
            try {
                Files.deleteIfExists(s.file());
            } catch (IOException ignored) {
                // left to the directory's owner
            }
        });
    }

    private static String key(byte[] content) {
        if (content.length > 80 || content.length <= MARKER.length()) {
            return null;
        }
        String s = new String(content, StandardCharsets.ISO_8859_1);
        return s.startsWith(MARKER) ? s : null;
    }

    /** One body: copies structure to {@code out}, small contents too, and writes large contents to files. */
    private final class Pass {
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buf;
        private int pos;
        private int lim;
        private boolean eof;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pass(InputStream in, byte[] delimiter) {
            this.in = in;
            this.delimiter = delimiter;
            this.buf = new byte[64 * 1024 + 2 * delimiter.length];
            // a CRLF before the body, so that a first delimiter at the very start is found like the others
            buf[0] = '\r';
            buf[1] = '\n';
            lim = 2;
        }

        byte[] run() throws IOException {
            // preamble
            if (copyUntil(delimiter, out::write)) {
                out.write(delimiter);
                while (true) {
                    while (lim - pos < 2 && !eof) {
                        fill();
                    }
                    if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
                        break; // closing delimiter: the epilogue follows
                    }
                    int[] headerBytes = {0};
                    boolean headersEnd = copyUntil(HEADER_END, (b, off, len) -> {
                        headerBytes[0] += len;
                        if (headerBytes[0] > MAX_HEADERS) {
                            throw new IOException("multipart part headers too long");
                        }
                        out.write(b, off, len);
                    });
                    if (!headersEnd) {
                        return result();
                    }
                    out.write(HEADER_END);
                    PartSink part = new PartSink();
                    boolean found;
                    try {
                        found = copyUntil(delimiter, part::write);
                        part.finish();
                    } catch (IOException | RuntimeException e) {
                        part.abandon();
                        throw e;
                    }
                    if (!found) {
                        return result();
                    }
                    out.write(delimiter);
                }
            }
            // epilogue, or the rest of a body without delimiter
            out.write(buf, pos, lim - pos);
            pos = lim;
            in.transferTo(out);
            return result();
        }

        private byte[] result() {
            byte[] all = out.toByteArray();
            return Arrays.copyOfRange(all, 2, all.length); // without the CRLF added before the body
        }

        /** Copies up to the needle (consumed, not copied); at the end of the stream copies the rest, false. */
        private boolean copyUntil(byte[] needle, Sink sink) throws IOException {
            while (true) {
                int i = indexOf(needle);
                if (i >= 0) {
                    sink.write(buf, pos, i - pos);
                    pos = i + needle.length;
                    return true;
                }
                if (eof) {
                    sink.write(buf, pos, lim - pos);
                    pos = lim;
                    return false;
                }
                int safe = Math.max(pos, lim - (needle.length - 1));
                sink.write(buf, pos, safe - pos);
                pos = safe;
                fill();
            }
        }

        private void fill() throws IOException {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
            } else {
                lim += n;
            }
        }

        private int indexOf(byte[] needle) {
            byte first = needle[0];
            outer:
            for (int i = pos; i <= lim - needle.length; i++) {
                if (buf[i] != first) {
                    continue;
                }
                for (int j = 1; j < needle.length; j++) {
                    if (buf[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /** A part's content: in memory up to the threshold, then in a file. */
        private final class PartSink {
            private ByteArrayOutputStream memory = new ByteArrayOutputStream();
            private Path file;
            private OutputStream fileOut;
            private final MessageDigest sha1 = sha1();
            private long size;

            void write(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return;
                }
                size += len;
                if (fileOut == null && memory.size() + (long) len > threshold) {
                    file = Files.createTempFile(directory, "part", ".bin");
                    fileOut = Files.newOutputStream(file);
                    byte[] held = memory.toByteArray();
                    memory = null;
                    sha1.update(held);
                    fileOut.write(held);
                }
                if (fileOut != null) {
                    sha1.update(b, off, len);
                    fileOut.write(b, off, len);
                } else {
                    memory.write(b, off, len);
                }
            }

            void finish() throws IOException {
                if (fileOut == null) {
                    out.write(memory.toByteArray());
                    return;
                }
                fileOut.close();
                String key = MARKER + UUID.randomUUID();
                spooled.put(key, new Spooled(file, size, HexFormat.of().formatHex(sha1.digest())));
                out.write(key.getBytes(StandardCharsets.ISO_8859_1));
            }

            void abandon() {
                if (file != null) {
                    try {
                        fileOut.close();
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // left to the directory's owner
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
