package io.segursdk.testkit.server;

/**
 * Answers a request received by a {@link SimulatorServer} on one route. Handlers run on the server's threads,
 * possibly several at once: they must be thread-safe.
 *
 * <p>An exception thrown by a handler becomes a {@code 500} response with a plain-text body naming the exception
 * type, so that a bug in a simulator shows up in the test that hit it.
 */
@FunctionalInterface
public interface SimHandler {

    /**
     * Handles one request.
     *
     * @param request the request, with its body fully read
     * @return the response to send
     * @throws Exception on failure (answered with a {@code 500})
     */
    SimResponse handle(SimRequest request) throws Exception;
}
