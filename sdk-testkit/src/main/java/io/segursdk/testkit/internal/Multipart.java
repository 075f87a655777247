package io.segursdk.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small MIME multipart reader for the simulators (MTOM/XOP requests). Holds the parts in memory. */
public final class Multipart {

    /**
     * One part.
     *
     * @param headers the part's headers, names in lower case
     * @param body    the part's bytes
     */
    public record Part(Map<String, String> headers, byte[] body) {
        /** @return the Content-ID without angle brackets, or null */
        public String contentId() {
            String id = headers.get("content-id");
            if (id == null) {
                return null;
            }
            id = id.trim();
            return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
        }
    }

    private Multipart() {
    }

    /**
     * @param contentType the whole Content-Type header value
     * @param name        a parameter name
     * @return the parameter's value, unquoted, or null
     */
    public static String parameter(String contentType, String name) {
        for (String piece : contentType.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /**
     * @param contentType the message's Content-Type (must carry a boundary)
     * @param body        the whole body
     * @return the parts, in order
     * @throws IllegalArgumentException when the body is not a well-formed multipart
     */
    public static List<Part> parse(String contentType, byte[] body) {
        String boundary = parameter(contentType, "boundary");
        if (boundary == null) {
            throw new IllegalArgumentException("multipart without boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("multipart boundary not found");
        }
        while (true) {
            int afterDelimiter = pos + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts;
            }
            int headerStart = skipLineEnd(body, afterDelimiter);
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headerStart);
            if (headerEnd < 0) {
                throw new IllegalArgumentException("multipart part without header end");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, headerStart, headerEnd - headerStart, StandardCharsets.ISO_8859_1)
                    .split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            int contentStart = headerEnd + 4;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart truncated: closing boundary missing");
            }
            int contentEnd = next;
            if (contentEnd - 2 >= contentStart && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
                contentEnd -= 2;
            }
            byte[] content = new byte[contentEnd - contentStart];
            System.arraycopy(body, contentStart, content, 0, content.length);
            parts.add(new Part(headers, content));
            pos = next;
        }
    }

    private static int skipLineEnd(byte[] b, int i) {
        if (i < b.length && b[i] == '\r') {
            i++;
        }
        if (i < b.length && b[i] == '\n') {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
