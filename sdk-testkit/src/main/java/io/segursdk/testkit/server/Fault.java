package io.segursdk.testkit.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure a {@link SimulatorServer} injects into its next responses, to test how the client under test copes
 * with slow, broken or unavailable services. Immutable: {@link #times(int)}, {@link #always()} and
 * {@link #onPath(String)} return modified copies.
 *
 * <p>By default a fault applies to the next request only. The request is still captured (see
 * {@link SimulatorServer#captured()}) whatever the fault does.
 *
 * <pre>{@code
 * server.injectFault(Fault.reset());                                      // next request: connection reset
 * server.injectFault(Fault.status(503, "text/html", "<html>maintenance</html>").times(3));
 * server.injectFault(Fault.delay(Duration.ofSeconds(5)).always().onPath("/lps"));
 * }</pre>
 */
public final class Fault {

    /** What a fault does. */
    public enum Kind {
        /** Waits, then lets the route answer normally. */
        DELAY,
        /** Aborts the connection (TCP reset) before any response byte. */
        RESET,
        /** Answers with a given status and body instead of the route. */
        STATUS,
        /** Sends the route's status, headers and only the first bytes of its body, then closes the connection. */
        TRUNCATE,
        /**
         * Lets the route handle the request (its effects happen, e.g. a document is stored), then resets the
         * connection instead of sending its response: the client cannot tell whether the request was processed.
         */
        RESET_AFTER_HANDLING,
        /** Lets the route handle the request, then waits before sending its response. */
        DELAY_AFTER_HANDLING
    }

    /** Number of applications meaning "every request until cleared". */
    public static final int ALWAYS = Integer.MAX_VALUE;

    private final Kind kind;
    private final Duration delay;
    private final int status;
    private final String contentType;
    private final String body;
    private final int bytes;
    private final int times;
    private final String path;

    private Fault(Kind kind, Duration delay, int status, String contentType, String body, int bytes, int times,
                  String path) {
        this.kind = kind;
        this.delay = delay;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.bytes = bytes;
        this.times = times;
        this.path = path;
    }

    /**
     * Delays the response; the route then answers normally. Use it with a client timeout shorter than the delay.
     * Closing the server ends pending delays at once.
     *
     * @param delay how long to wait before answering
     * @return the fault
     */
    public static Fault delay(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
        return new Fault(Kind.DELAY, delay, 0, null, null, 0, 1, null);
    }

    /**
     * Resets the connection after reading the request, before any response byte: the client sees an I/O error.
     *
     * @return the fault
     */
    public static Fault reset() {
        return new Fault(Kind.RESET, Duration.ZERO, 0, null, null, 0, 1, null);
    }

    /**
     * Lets the route handle the request, then resets the connection before any response byte: the request was
     * processed but the client sees an I/O error, the ambiguous failure a non-idempotent call must survive without
     * being applied twice.
     *
     * @return the fault
     */
    public static Fault resetAfterHandling() {
        return new Fault(Kind.RESET_AFTER_HANDLING, Duration.ZERO, 0, null, null, 0, 1, null);
    }

    /**
     * Lets the route handle the request at once (its effects happen), then waits before sending its response: with
     * a client read timeout shorter than the delay, the request was processed but the client times out. Closing the
     * server ends pending delays at once.
     *
     * @param delay how long to wait before answering
     * @return the fault
     */
    public static Fault delayAfterHandling(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
        return new Fault(Kind.DELAY_AFTER_HANDLING, delay, 0, null, null, 0, 1, null);
    }

    /**
     * Answers with this status and body instead of the route, e.g. a {@code 503} with an HTML maintenance page, as
     * a reverse proxy in front of a real service would.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}, or {@code null} for none
     * @param body the body text (UTF-8), or {@code null} for none
     * @return the fault
     */
    public static Fault status(int status, String contentType, String body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        return new Fault(Kind.STATUS, Duration.ZERO, status, contentType, body == null ? "" : body, 0, 1, null);
    }

    /**
     * Sends the route's status and headers, announces a longer body than it sends (its {@code Content-Length}), sends
     * only the first {@code bytes} bytes of the body, then closes the connection: the client sees a truncated body.
     *
     * @param bytes how many body bytes to send, zero or more
     * @return the fault
     */
    public static Fault truncate(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count");
        }
        return new Fault(Kind.TRUNCATE, Duration.ZERO, 0, null, null, bytes, 1, null);
    }

    /**
     * This fault, applied to the next {@code n} matching requests.
     *
     * @param n one or more
     * @return a modified copy
     */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new Fault(kind, delay, status, contentType, body, bytes, n, path);
    }

    /**
     * This fault, applied to every matching request until {@link SimulatorServer#clearFaults()} ("sticky").
     *
     * @return a modified copy
     */
    public Fault always() {
        return times(ALWAYS);
    }

    /**
     * This fault, applied only to requests on this exact path.
     *
     * @param path e.g. {@code "/lps"}
     * @return a modified copy
     */
    public Fault onPath(String path) {
        return new Fault(kind, delay, status, contentType, body, bytes, times, Objects.requireNonNull(path, "path"));
    }

    /**
     * What this fault does.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The delay of a {@link Kind#DELAY} or {@link Kind#DELAY_AFTER_HANDLING} fault.
     *
     * @return the delay; zero for other kinds
     */
    public Duration delay() {
        return delay;
    }

    /**
     * The status of a {@link Kind#STATUS} fault.
     *
     * @return the status; zero for other kinds
     */
    public int status() {
        return status;
    }

    /**
     * The content type of a {@link Kind#STATUS} fault.
     *
     * @return the content type, or empty
     */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * The body of a {@link Kind#STATUS} fault.
     *
     * @return the body text; empty for other kinds
     */
    public String body() {
        return body == null ? "" : body;
    }

    /**
     * The number of body bytes a {@link Kind#TRUNCATE} fault sends.
     *
     * @return the byte count; zero for other kinds
     */
    public int bytes() {
        return bytes;
    }

    /**
     * How many requests this fault applies to.
     *
     * @return the count, {@link #ALWAYS} when sticky
     */
    public int times() {
        return times;
    }

    /**
     * The path this fault is limited to.
     *
     * @return the path, or empty for any path
     */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (times == ALWAYS ? ", always" : ", times=" + times)
                + (path != null ? ", path=" + path : "") + "]";
    }
}
