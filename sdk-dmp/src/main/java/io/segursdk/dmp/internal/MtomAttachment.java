package io.segursdk.dmp.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A document to send as an MTOM attachment, referenced from the SOAP body by an {@code xop:Include}.
 *
 * @param contentId   the Content-ID, without angle brackets and without the {@code cid:} prefix
 * @param contentType the MIME type
 * @param content     opens the content as a new stream, read once while the message is sent
 */
public record MtomAttachment(String contentId, String contentType, ContentOpener content) {

    /** Opens an attachment's content. */
    @FunctionalInterface
    public interface ContentOpener {
        /**
         * @return a new stream over the content
         * @throws IOException if it cannot be opened
         */
        InputStream open() throws IOException;
    }
}
