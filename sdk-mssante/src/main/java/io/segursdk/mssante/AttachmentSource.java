package io.segursdk.mssante;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens an attachment's content as a stream. Called more than once (the message is measured before it is sent), so
 * each call must return a new stream from the start, e.g. {@code () -> Files.newInputStream(path)}.
 */
@FunctionalInterface
public interface AttachmentSource {

    /**
     * @return a new stream over the whole content; the caller closes it
     * @throws IOException if the content cannot be read
     */
    InputStream open() throws IOException;
}
