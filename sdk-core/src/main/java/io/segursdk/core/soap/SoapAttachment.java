package io.segursdk.core.soap;

import io.segursdk.core.error.Violations;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A MIME part travelling with a SOAP message: a document sent to the DMP (MTOM, referenced from the body by
 * {@code <xop:Include href="cid:..."/>}) or one received from it.
 *
 * <p>The content is never held by this object: it is read from {@link #open()} when the message is written (outgoing)
 * or as the caller reads it (incoming). An outgoing attachment's source may be opened more than once (for example
 * when a request is re-sent), so it should return a fresh stream each time. An incoming attachment's stream can be
 * read once, while its {@link SoapResponse} is open.
 */
public final class SoapAttachment {

    /**
     * Where an attachment's bytes come from.
     */
    @FunctionalInterface
    public interface Source {
        /**
         * @return a new stream over the content, which the SDK closes
         * @throws IOException when the content cannot be read
         */
        InputStream open() throws IOException;
    }

    private final String contentId;
    private final String contentType;
    private final Source source;

    private SoapAttachment(String contentId, String contentType, Source source) {
        this.contentId = contentId;
        this.contentType = contentType;
        this.source = source;
    }

    /**
     * Creates an attachment.
     *
     * @param contentId   the content id without angle brackets and without {@code cid:} (for example
     *                    {@code "doc1@segursdk.io"}); the body refers to it as {@code cid:<contentId>}
     * @param contentType the MIME type of the content (for example {@code "application/pdf"})
     * @param source      where the bytes come from; opened only when the message is written
     * @return the attachment
     * @throws io.segursdk.core.error.InvalidRequestException when a part is missing or malformed
     */
    public static SoapAttachment of(String contentId, String contentType, Source source) {
        Violations v = new Violations();
        v.require(contentId != null && !contentId.isBlank(), "attachment.contentId", "is required");
        v.require(contentId == null || !(contentId.startsWith("<") || contentId.startsWith("cid:")
                || contentId.chars().anyMatch(c -> c <= ' ' || c == '>')), "attachment.contentId",
                "must be a bare content id: no angle brackets, no 'cid:' prefix, no spaces");
        v.require(contentType != null && contentType.contains("/"), "attachment.contentType",
                "is required: a MIME type such as application/pdf");
        v.require(source != null, "attachment.source", "is required");
        v.throwIfAny();
        return new SoapAttachment(contentId, contentType, source);
    }

    /** @return the content id, without angle brackets or {@code cid:} */
    public String contentId() {
        return contentId;
    }

    /** @return the reference the SOAP body uses for this attachment: {@code cid:} followed by the content id */
    public String href() {
        return "cid:" + contentId;
    }

    /** @return the MIME type of the content */
    public String contentType() {
        return contentType;
    }

    /**
     * Opens the content. For an incoming attachment, the stream can be read once, while the response is open.
     *
     * @return a stream the caller must close
     * @throws IOException when the content cannot be read
     */
    public InputStream open() throws IOException {
        return Objects.requireNonNull(source.open(), "attachment source returned null");
    }

    @Override
    public String toString() {
        return "SoapAttachment[" + contentId + ", " + contentType + "]";
    }
}
