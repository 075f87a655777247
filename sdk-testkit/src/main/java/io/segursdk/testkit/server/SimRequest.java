package io.segursdk.testkit.server;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as received by a {@link SimulatorServer}: handed to {@link SimHandler}s and kept for assertions
 * ({@link SimulatorServer#captured()}). Immutable and thread-safe. Header names are case-insensitive.
 *
 * <p>Handlers can be unit-tested without a server by building requests with {@link #builder()}.
 */
public final class SimRequest {

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final List<X509Certificate> clientCertificates;

    private SimRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method").toUpperCase(Locale.ROOT);
        this.path = Objects.requireNonNull(b.path, "path");
        this.query = b.query;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(h);
        this.body = b.body.clone();
        this.clientCertificates = List.copyOf(b.clientCertificates);
    }

    /**
     * Starts a builder, to construct requests in handlers' unit tests.
     *
     * @return a new builder (method {@code GET}, path {@code /}, no headers, empty body, no client certificate)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HTTP method, upper case.
     *
     * @return e.g. {@code "POST"}
     */
    public String method() {
        return method;
    }

    /**
     * The request path as sent (percent-encoding kept), without the query.
     *
     * @return e.g. {@code "/lps"}
     */
    public String path() {
        return path;
    }

    /**
     * The raw query string, without the {@code ?}.
     *
     * @return the query, or empty when the request has none
     */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /**
     * All headers, by case-insensitive name.
     *
     * @return an unmodifiable map from header name to its values, in order of arrival
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty when absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * All values of a header.
     *
     * @param name the header name, in any case
     * @return the values, empty when absent
     */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /**
     * The {@code Content-Type} header.
     *
     * @return the content type, or empty
     */
    public Optional<String> contentType() {
        return header("Content-Type");
    }

    /**
     * The request body.
     *
     * @return a copy of the body bytes (empty when there is none)
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The request body decoded as UTF-8.
     *
     * @return the body text
     */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The certificate chain the client authenticated with, leaf first.
     *
     * @return the chain; empty when the client sent no certificate
     */
    public List<X509Certificate> clientCertificates() {
        return clientCertificates;
    }

    /**
     * The client's certificate (the leaf of {@link #clientCertificates()}).
     *
     * @return the certificate, or empty when the client sent none
     */
    public Optional<X509Certificate> clientCertificate() {
        return clientCertificates.isEmpty() ? Optional.empty() : Optional.of(clientCertificates.get(0));
    }

    /** Describes the request line only: never the body or header values, which may hold personal data. */
    @Override
    public String toString() {
        return "SimRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }

    /** Mutable builder of {@link SimRequest}; not thread-safe. */
    public static final class Builder {
        private String method = "GET";
        private String path = "/";
        private String query;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body = new byte[0];
        private List<X509Certificate> clientCertificates = List.of();

        private Builder() {
        }

        /**
         * Sets the method.
         *
         * @param method e.g. {@code "POST"}
         * @return this builder
         */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /**
         * Sets the path.
         *
         * @param path e.g. {@code "/lps"}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /**
         * Sets the raw query string (without {@code ?}).
         *
         * @param query the query, or {@code null} for none
         * @return this builder
         */
        public Builder query(String query) {
            this.query = query;
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
         * Sets the body.
         *
         * @param body the body bytes (copied)
         * @return this builder
         */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body").clone();
            return this;
        }

        /**
         * Sets the client's certificate chain.
         *
         * @param chain leaf first; empty for none
         * @return this builder
         */
        public Builder clientCertificates(List<X509Certificate> chain) {
            this.clientCertificates = List.copyOf(chain);
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the immutable request
         */
        public SimRequest build() {
            return new SimRequest(this);
        }
    }
}
