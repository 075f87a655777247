package io.segursdk.dmp;

import io.segursdk.core.soap.SoapResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A document retrieved from the DMP (TD3.2, ITI-43), streamed: its content is read from {@link #content()} as it
 * arrives, never held whole in memory by the SDK. Close it (try-with-resources) to release the connection.
 *
 * <pre>{@code
 * try (RetrievedDocument doc = dmp.retrieve(access, entry)) {
 *     Files.copy(doc.content(), target);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: read it from one thread.
 */
public final class RetrievedDocument implements AutoCloseable {

    private final String uniqueId;
    private final String mimeType;
    private final InputStream content;
    private final SoapResponse response;

    /**
     * Used by the client.
     *
     * @param uniqueId the document's uniqueId
     * @param mimeType the MIME type the repository gave
     * @param content  the stream over the content
     * @param response the response holding the connection
     */
    RetrievedDocument(String uniqueId, String mimeType, InputStream content, SoapResponse response) {
        this.uniqueId = uniqueId;
        this.mimeType = mimeType;
        this.content = content;
        this.response = response;
    }

    /** @return the document's uniqueId */
    public String uniqueId() {
        return uniqueId;
    }

    /** @return the MIME type, for example {@code text/xml} for a CDA document */
    public String mimeType() {
        return mimeType;
    }

    /** @return the content, to read once before {@link #close()} (patient data: never log it) */
    public InputStream content() {
        return content;
    }

    /** Closes the content stream and releases the connection. */
    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            response.close();
        }
    }

    @Override
    public String toString() {
        return "RetrievedDocument[" + uniqueId + ", " + mimeType + "]";
    }
}
