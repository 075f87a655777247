package io.segursdk.testkit.server;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body as it arrives, for simulators that take bodies too large to hold in memory: a reader may
 * keep part of the body elsewhere (for example a large MIME part in a file) and return a smaller body in its place.
 * See {@link SimulatorServer.Builder#bodyReader(BodyReader)}.
 */
@FunctionalInterface
public interface BodyReader {

    /** Reads the whole body into memory: the default. */
    BodyReader IN_MEMORY = (contentType, body) -> body.readAllBytes();

    /**
     * Reads the whole body.
     *
     * @param contentType the request's {@code Content-Type}, or {@code null} when it has none
     * @param body        the body as it arrives; read it to its end, do not close it
     * @return the bytes that become the request's {@link SimRequest#body()}
     * @throws IOException if reading fails (the request is then failed)
     */
    byte[] read(String contentType, InputStream body) throws IOException;
}
