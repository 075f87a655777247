package io.segursdk.core.internal.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a MIME multipart body (an MTOM/XOP or SwA package) part by part from a stream, holding no more than one
 * buffer of it in memory: each part's content is itself a stream that ends at the next boundary.
 *
 * <p>Not thread-safe: one reader per response.
 */
final class MultipartReader {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    /**
     * @param in       the body, positioned at its start
     * @param boundary the boundary parameter of the Content-Type
     */
    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first boundary may open the body without a preceding line break: pretend there is one.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
        current = new PartStream(); // the preamble, skipped by the first next()
    }

    /**
     * Moves to the next part, skipping whatever remains of the current one.
     *
     * @return the next part's headers (lower-case names), or {@code null} after the closing boundary
     * @throws IOException when the body cannot be read or is not a well-formed multipart body
     */
    Map<String, String> next() throws IOException {
        if (finished) {
            return null;
        }
        if (current != null) {
            current.skipAll();
        }
        // just after a delimiter: "--" closes the body; otherwise optional padding, then CRLF
        if (!fill(2)) {
            throw new IOException("multipart body ends without its closing boundary");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            current = null;
            return null;
        }
        readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        String previous = null;
        while (true) {
            String line = readLine();
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers are too long");
            }
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && previous != null) {
                headers.put(previous, (headers.get(previous) + " " + line.trim()).trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                previous = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.put(previous, line.substring(colon + 1).trim());
            }
        }
        current = new PartStream();
        return headers;
    }

    /** @return the content of the part whose headers {@link #next()} returned last */
    InputStream content() {
        return current;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!fill(1)) {
                throw new IOException("multipart body ends inside part headers");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) (b & 0xff));
            if (sb.length() > MAX_HEADER_BYTES) {
                throw new IOException("multipart header line is too long");
            }
        }
    }

    /** Makes at least {@code n} bytes available from pos, unless the stream ends first. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos >= n;
    }

    /** @return the index of the first delimiter wholly inside buf[pos, end), or -1 */
    private int findDelimiter(int end) {
        byte first = delimiter[0];
        int last = end - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One part's content: ends just before the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                // look only as far as the bytes this read may return (plus one delimiter's length)
                int end = (int) Math.min(lim, (long) pos + len + delimiter.length - 1);
                int found = findDelimiter(end);
                if (found == pos) {
                    pos += delimiter.length;
                    ended = true;
                    return -1;
                }
                int safe = found >= 0 ? found - pos : end - pos - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(safe, len);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (eof) {
                    throw new IOException("multipart body ends inside a part (no closing boundary)");
                }
                fill(Math.min(buf.length, lim - pos + 1 + delimiter.length));
            }
        }

        void skipAll() throws IOException {
            byte[] sink = new byte[BUFFER];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }

        @Override
        public void close() {
            // the underlying stream belongs to the reader
        }
    }
}
