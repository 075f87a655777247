package io.segursdk.testkit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The response a {@link SimHandler} returns: status, headers and a body held in memory or written as a stream.
 * Immutable (a streaming body is written anew each time it is sent).
 *
 * <pre>{@code
 * SimResponse.of(200, "application/soap+xml; charset=utf-8", envelopeBytes);
 * SimResponse.builder().status(200).header("Content-Type", "application/octet-stream")
 *         .body(out -> copyLargeFile(out)).build();
 * }</pre>
 */
public final class SimResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final BodyWriter writer;

    private SimResponse(Builder b) {
        if (b.status < 100 || b.status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + b.status);
        }
        this.status = b.status;
        Map<String, List<String>> h = new LinkedHashMap<>();
        b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(h);
        this.body = b.body;
        this.writer = b.writer;
    }

    /**
     * A response with a body held in memory.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}, or {@code null} for none
     * @param body the body bytes (copied)
     * @return the response
     */
    public static SimResponse of(int status, String contentType, byte[] body) {
        Builder b = builder().status(status).body(body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.build();
    }

    /**
     * A response with a text body encoded as UTF-8.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}, or {@code null} for none
     * @param body the body text
     * @return the response
     */
    public static SimResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response without a body.
     *
     * @param status the HTTP status
     * @return the response
     */
    public static SimResponse status(int status) {
        return builder().status(status).build();
    }

    /**
     * Starts a builder (status 200, no header, empty body).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HTTP status.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The headers, in the order they were added.
     *
     * @return an unmodifiable map from header name to values
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Whether the body is written as a stream (its length is then unknown in advance).
     *
     * @return {@code true} for a {@link BodyWriter} body
     */
    public boolean isStreaming() {
        return writer != null;
    }

    /**
     * Writes the body to a stream.
     *
     * @param out the target
     * @throws IOException if writing fails
     */
    public void writeBody(OutputStream out) throws IOException {
        if (writer != null) {
            writer.writeTo(out);
        } else {
            out.write(body);
        }
    }

    /**
     * The body as bytes; a streaming body is written into memory first.
     *
     * @return a copy of the body
     * @throws IOException if a streaming body fails
     */
    public byte[] bodyBytes() throws IOException {
        if (writer == null) {
            return body.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "SimResponse[" + status + (writer != null ? ", streaming" : ", " + body.length + " bytes") + "]";
    }

    /** Mutable builder of {@link SimResponse}; not thread-safe. */
    public static final class Builder {
        private int status = 200;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private BodyWriter writer;

        private Builder() {
        }

        /**
         * Sets the status.
         *
         * @param status an HTTP status, 100 to 599
         * @return this builder
         */
        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /**
         * Adds a header value.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets a body held in memory (replacing any streaming body).
         *
         * @param body the bytes (copied)
         * @return this builder
         */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body").clone();
            this.writer = null;
            return this;
        }

        /**
         * Sets a streaming body (replacing any body in memory), sent with chunked transfer encoding.
         *
         * @param writer writes the body each time the response is sent
         * @return this builder
         */
        public Builder body(BodyWriter writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
            this.body = new byte[0];
            return this;
        }

        /**
         * Builds the response.
         *
         * @return the immutable response
         */
        public SimResponse build() {
            return new SimResponse(this);
        }
    }
}
