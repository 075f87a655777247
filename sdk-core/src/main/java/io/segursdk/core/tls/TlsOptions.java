package io.segursdk.core.tls;

import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.internal.tls.TlsContexts;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.segursdk.core.error.Violations;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the SDK secures its connections: which server certificates it trusts, which TLS versions and cipher suites it
 * offers. Immutable; build with {@link #builder()}.
 *
 * <p>The trust anchors are the vendor's choice, never the JVM's default trust store: the national services present
 * IGC-Santé certificates, whose roots are published by the ANS. Hostname verification is always on and cannot be
 * turned off.
 *
 * <pre>{@code
 * TlsOptions tls = TlsOptions.builder()
 *         .trustAnchors(igcSanteRoots)
 *         .ansCipherSuitesOnly(true)
 *         .build();
 * }</pre>
 */
public final class TlsOptions {

    /**
     * The TLS 1.2 cipher suites the ANS lists for software talking to the MSSanté operators and the DMP
     * (ECDHE-RSA with AES-GCM, AES-CBC-SHA384 and ChaCha20), plus the TLS 1.3 suites, which TLS 1.3 always negotiates.
     */
    public static final List<String> ANS_CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final List<X509Certificate> trustAnchors;
    private final List<String> protocols;
    private final boolean ansCipherSuitesOnly;
    private final List<String> cipherSuites;

    private TlsOptions(Builder b) {
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.protocols = List.copyOf(b.protocols);
        this.ansCipherSuitesOnly = b.ansCipherSuitesOnly;
        this.cipherSuites = b.cipherSuites == null ? null : List.copyOf(b.cipherSuites);
    }

    /** @return a builder with TLS 1.3 and 1.2 and no trust anchor yet */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the certificates trusted as roots (or intermediates) of the servers' chains */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** @return the TLS versions offered, most preferred first */
    public List<String> protocols() {
        return protocols;
    }

    /** @return whether only {@link #ANS_CIPHER_SUITES} are offered */
    public boolean ansCipherSuitesOnly() {
        return ansCipherSuitesOnly;
    }

    /**
     * @return the cipher suites to offer: an explicit list when one was set, {@link #ANS_CIPHER_SUITES} when
     *         {@link #ansCipherSuitesOnly()}, else {@code null} for the JVM's defaults
     */
    public List<String> cipherSuites() {
        if (cipherSuites != null) {
            return cipherSuites;
        }
        return ansCipherSuitesOnly ? ANS_CIPHER_SUITES : null;
    }

    /**
     * A new TLS context trusting only these options' anchors, presenting a client credential when one is given. For
     * modules that drive their own sockets (mail protocols, for instance); pair it with
     * {@link #sslParameters(SSLContext)} on every socket.
     *
     * @param clientCredential the client identity (a card, an organisation certificate), or {@code null} for
     *                         server-authenticated TLS only
     * @return a new, initialised context
     * @throws io.segursdk.core.error.InvalidRequestException if the anchors or the credential cannot be used
     */
    public SSLContext sslContext(SigningCredential clientCredential) {
        return TlsContexts.sslContext(clientCredential, this);
    }

    /**
     * The parameters every socket made from {@code context} must use: these protocols, these cipher suites (those the
     * JVM supports), and hostname verification ({@code HTTPS} endpoint identification).
     *
     * @param context a context from {@link #sslContext(SigningCredential)}
     * @return new parameters
     * @throws io.segursdk.core.error.InvalidRequestException if none of the requested cipher suites is supported
     */
    public SSLParameters sslParameters(SSLContext context) {
        return TlsContexts.sslParameters(context, this);
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.trustAnchors.addAll(trustAnchors);
        b.protocols = new ArrayList<>(protocols);
        b.ansCipherSuitesOnly = ansCipherSuitesOnly;
        b.cipherSuites = cipherSuites;
        return b;
    }

    /** Builds {@link TlsOptions}. */
    public static final class Builder {
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private List<String> protocols = new ArrayList<>(List.of("TLSv1.3", "TLSv1.2"));
        private boolean ansCipherSuitesOnly;
        private List<String> cipherSuites;

        private Builder() {
        }

        /**
         * Replaces the trusted certificates.
         *
         * @param anchors the IGC-Santé roots (or the test PKI's root in tests)
         * @return this builder
         */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            trustAnchors.clear();
            trustAnchors.addAll(Objects.requireNonNull(anchors, "anchors"));
            return this;
        }

        /**
         * Adds a trusted certificate.
         *
         * @param anchor a root or intermediate certificate
         * @return this builder
         */
        public Builder addTrustAnchor(X509Certificate anchor) {
            trustAnchors.add(Objects.requireNonNull(anchor, "anchor"));
            return this;
        }

        /**
         * Sets the TLS versions to offer; only {@code TLSv1.2} and {@code TLSv1.3} are accepted.
         *
         * @param versions the versions, most preferred first
         * @return this builder
         */
        public Builder protocols(String... versions) {
            this.protocols = new ArrayList<>(List.of(versions));
            return this;
        }

        /**
         * Restricts the cipher suites to those the ANS lists ({@link #ANS_CIPHER_SUITES}).
         *
         * @param only whether to restrict
         * @return this builder
         */
        public Builder ansCipherSuitesOnly(boolean only) {
            this.ansCipherSuitesOnly = only;
            return this;
        }

        /**
         * Sets an explicit list of cipher suites, overriding {@link #ansCipherSuitesOnly(boolean)}.
         *
         * @param suites JSSE cipher suite names
         * @return this builder
         */
        public Builder cipherSuites(List<String> suites) {
            this.cipherSuites = List.copyOf(suites);
            return this;
        }

        /**
         * @return the options
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem found
         */
        public TlsOptions build() {
            Violations v = new Violations();
            v.require(!trustAnchors.isEmpty(), "tls.trustAnchors",
                    "at least one trust anchor is required (the IGC-Santé roots; the JVM's default trust store is never used)");
            v.require(!protocols.isEmpty(), "tls.protocols", "at least one TLS version is required");
            for (String p : protocols) {
                v.require(p.equals("TLSv1.2") || p.equals("TLSv1.3"), "tls.protocols",
                        "only TLSv1.2 and TLSv1.3 are allowed, not " + p);
            }
            v.require(cipherSuites == null || !cipherSuites.isEmpty(), "tls.cipherSuites", "must not be empty when set");
            v.throwIfAny();
            return new TlsOptions(this);
        }
    }
}
