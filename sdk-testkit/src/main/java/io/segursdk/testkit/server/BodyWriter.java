package io.segursdk.testkit.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a response body as a stream, for bodies too large to hold in memory (the response is then sent with
 * chunked transfer encoding). See {@link SimResponse.Builder#body(BodyWriter)}.
 */
@FunctionalInterface
public interface BodyWriter {

    /**
     * Writes the whole body. Do not close the stream.
     *
     * @param out the response body stream
     * @throws IOException if writing fails (the connection is then aborted)
     */
    void writeTo(OutputStream out) throws IOException;
}
