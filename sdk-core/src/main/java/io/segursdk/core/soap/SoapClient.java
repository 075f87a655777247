package io.segursdk.core.soap;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.Violations;
import io.segursdk.core.internal.soap.CxfSoapTransport;
import io.segursdk.core.internal.soap.LeanSoapTransport;
import io.segursdk.core.internal.soap.SoapTransport;
import io.segursdk.core.internal.soap.SoapTransportConfig;
import io.segursdk.core.logging.PhiRedactor;
import io.segursdk.core.tls.TlsOptions;

import java.net.URI;
import java.util.UUID;

/**
 * Sends SOAP 1.2 requests with WS-Addressing to one service endpoint over mutual TLS; the plumbing under every SOAP
 * business client (INSi, DMP). Built once per endpoint, immutable, thread-safe: share one instance across threads and
 * close it when the application stops.
 *
 * <pre>{@code
 * try (SoapClient client = SoapClient.builder()
 *         .service("INSi")
 *         .endpoint(URI.create("https://qualiflps.services-ps.ameli.fr/lps"))
 *         .credential(insiAutoCredential)
 *         .tls(tlsOptions)
 *         .faultClassifier(insiClassifier)
 *         .build()) {
 *     try (SoapResponse response = client.call(request)) {
 *         Element payload = response.requireBody();
 *     }
 * }
 * }</pre>
 *
 * <p>Each call sends {@code wsa:Action}, {@code wsa:MessageID} ({@code uuid:<random UUID>} unless the request sets
 * one), {@code wsa:To} and an anonymous {@code wsa:ReplyTo}; the request's security tokens go into one
 * {@code wsse:Security} header (WS-Security 1.0 secext namespace).
 *
 * <p>Failures are {@link SegurException}s carrying the service name and the request's message id: SOAP faults are
 * mapped by the {@link SoapFaultClassifier}; connection, TLS and HTTP failures become
 * {@link io.segursdk.core.error.TransportException} (retryable when the request may not have been processed, or when
 * the outcome is unknown, as after a read timeout: a non-idempotent call must then be checked before being re-sent),
 * except a client certificate refused by the server, which is an
 * {@link io.segursdk.core.error.AuthenticationException}.
 *
 * <p>A response's SOAP envelope (the whole body, or the root part of an MTOM/XOP package) is read up to
 * {@link Builder#maxResponseBytes(long)} ({@value #DEFAULT_MAX_RESPONSE_BYTES} bytes unless set); beyond, the call
 * fails with a non-retryable {@link io.segursdk.core.error.TransportException} and the connection is dropped. MTOM
 * attachments are not counted: they are streamed to a temporary file as they arrive, never held whole in memory.
 *
 * <p>Traffic is logged, redacted by the client's {@link PhiRedactor}, at DEBUG on the SLF4J logger
 * {@code io.segursdk.wire.<service>}, only when that logger is enabled.
 */
public final class SoapClient implements AutoCloseable {

    /** The default limit of a response's SOAP envelope: 10 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

    private final String service;
    private final URI endpoint;
    private final SoapTransport transport;
    private final SoapEngine engine;

    private SoapClient(Builder b) {
        this.service = b.service;
        this.endpoint = b.endpoint;
        this.engine = b.engine;
        SoapTransportConfig config = new SoapTransportConfig(b.service, b.endpoint, b.credential, b.tls,
                b.timeouts, b.mtom, b.faultClassifier, b.redactor, b.maxResponseBytes);
        this.transport = b.engine == SoapEngine.CXF ? new CxfSoapTransport(config) : new LeanSoapTransport(config);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the service name given at build time */
    public String service() {
        return service;
    }

    /** @return the endpoint */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the engine this client sends with */
    public SoapEngine engine() {
        return engine;
    }

    /**
     * Sends a request and waits for its response.
     *
     * @param request the request
     * @return the response, to close once its attachments have been read
     * @throws io.segursdk.core.error.ServiceFaultException   when the service answered with a fault
     * @throws io.segursdk.core.error.AccessDeniedException   when the classifier says the fault is an access refusal
     * @throws io.segursdk.core.error.AuthenticationException when the credential was refused
     * @throws io.segursdk.core.error.TransportException      when the exchange failed below SOAP
     */
    public SoapResponse call(SoapRequest request) {
        if (request == null) {
            throw InvalidRequestException.of("request", "is required");
        }
        String messageId = request.messageId().orElseGet(() -> "uuid:" + UUID.randomUUID());
        return transport.send(request, messageId);
    }

    /** Releases connections and the engine's resources. Calls in progress may fail. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "SoapClient[" + service + " " + endpoint + " " + engine + "]";
    }

    /** Builds {@link SoapClient}; {@link #build()} reports every configuration problem at once. */
    public static final class Builder {
        private String service;
        private URI endpoint;
        private SigningCredential credential;
        private TlsOptions tls;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private boolean mtom;
        private SoapFaultClassifier faultClassifier = SoapFaultClassifier.DEFAULT;
        private PhiRedactor redactor = PhiRedactor.defaults();
        private SoapEngine engine = SoapEngine.STANDARD;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {
        }

        /**
         * @param name the service's short name (for example {@code "INSi"} or {@code "DMP"}), used in errors and
         *             as the wire logger's last segment
         * @return this builder
         */
        public Builder service(String name) {
            this.service = name;
            return this;
        }

        /**
         * @param uri the service's https endpoint
         * @return this builder
         */
        public Builder endpoint(URI uri) {
            this.endpoint = uri;
            return this;
        }

        /**
         * @param credential the TLS client identity (an organisation certificate or a CPS card); {@code null} for
         *                   server-authenticated TLS only
         * @return this builder
         */
        public Builder credential(SigningCredential credential) {
            this.credential = credential;
            return this;
        }

        /**
         * @param options trust anchors, protocols and cipher suites
         * @return this builder
         */
        public Builder tls(TlsOptions options) {
            this.tls = options;
            return this;
        }

        /**
         * @param timeouts connect and read limits; {@link Timeouts#DEFAULT} when not set
         * @return this builder
         */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        /**
         * @param enabled whether requests are sent as MTOM/XOP packages (the DMP repository); off by default
         * @return this builder
         */
        public Builder mtom(boolean enabled) {
            this.mtom = enabled;
            return this;
        }

        /**
         * @param classifier decides which exception a SOAP fault becomes; {@link SoapFaultClassifier#DEFAULT} when
         *                   not set
         * @return this builder
         */
        public Builder faultClassifier(SoapFaultClassifier classifier) {
            this.faultClassifier = classifier;
            return this;
        }

        /**
         * @param redactor redacts the wire log; {@link PhiRedactor#defaults()} when not set
         * @return this builder
         */
        public Builder redactor(PhiRedactor redactor) {
            this.redactor = redactor;
            return this;
        }

        /**
         * Chooses the engine; {@link SoapEngine#STANDARD} unless set. Both send the same messages and report the
         * same errors: change it only if a service is found to need {@link SoapEngine#CXF}.
         *
         * @param engine the engine
         * @return this builder
         */
        public Builder engine(SoapEngine engine) {
            this.engine = engine;
            return this;
        }

        /**
         * Limits the size of a response's SOAP envelope (the whole body of a plain SOAP response, the root part of
         * an MTOM/XOP package; attachments are streamed to a temporary file and not counted).
         *
         * @param bytes the largest envelope read, at least 1024; {@link #DEFAULT_MAX_RESPONSE_BYTES} unless set
         * @return this builder
         */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * @return the client
         * @throws InvalidRequestException listing every configuration problem, before any network activity
         */
        public SoapClient build() {
            Violations v = new Violations();
            v.require(service != null && service.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}"), "soap.service",
                    "is required: 1 to 32 letters, digits, '_' or '-' (for example INSi)");
            if (endpoint == null) {
                v.add("soap.endpoint", "is required");
            } else {
                v.require("https".equalsIgnoreCase(endpoint.getScheme()), "soap.endpoint",
                        "must be an https URL (the national services require TLS)");
                v.require(endpoint.getHost() != null, "soap.endpoint", "must name a host");
                v.require(endpoint.getUserInfo() == null, "soap.endpoint", "must not carry user information");
            }
            v.require(tls != null, "soap.tls", "is required (trust anchors of the service's certificates)");
            v.require(timeouts != null, "soap.timeouts", "must not be null");
            v.require(faultClassifier != null, "soap.faultClassifier", "must not be null");
            v.require(redactor != null, "soap.redactor", "must not be null");
            v.require(engine != null, "soap.engine", "must not be null");
            v.require(maxResponseBytes >= 1024, "soap.maxResponseBytes", "must be at least 1024");
            v.throwIfAny();
            return new SoapClient(this);
        }
    }
}
