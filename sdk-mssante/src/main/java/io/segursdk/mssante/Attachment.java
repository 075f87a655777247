package io.segursdk.mssante;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file attached to a received message (or read from an XDM package). Immutable; the content is copied.
 * Content may be patient data: never log it.
 */
public final class Attachment {

    private final String fileName;
    private final String mimeType;
    private final byte[] content;

    /**
     * @param fileName the file name
     * @param mimeType the media type, e.g. {@code application/pdf}
     * @param content  the bytes
     */
    public Attachment(String fileName, String mimeType, byte[] content) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.content = Objects.requireNonNull(content, "content").clone();
    }

    /** @return the file name */
    public String fileName() {
        return fileName;
    }

    /** @return the media type (without parameters) */
    public String mimeType() {
        return mimeType;
    }

    /** @return a copy of the bytes */
    public byte[] content() {
        return content.clone();
    }

    /** @return a stream over the bytes (no copy; nothing to release, but closing it is harmless) */
    public java.io.InputStream openStream() {
        return new java.io.ByteArrayInputStream(content);
    }

    /** @return the size in bytes */
    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && a.fileName.equals(fileName) && a.mimeType.equals(mimeType)
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, mimeType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + mimeType + ", " + content.length + " bytes]";
    }
}
