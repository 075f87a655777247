package io.segursdk.mssante;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.credentials.SigningCredential;

import java.util.Objects;
import java.util.Optional;

/**
 * How the client authenticates to the operator: a Pro Santé Connect access token with SASL XOAUTH2 (personal and
 * organisational mailboxes), or a TLS client certificate (applicative mailboxes, IGC-Santé organisation
 * certificate; SASL EXTERNAL on IMAP). Immutable.
 */
public final class MssanteAuthentication {

    /** The mechanism. */
    public enum Mechanism {
        /** SASL XOAUTH2 with a bearer token. */
        XOAUTH2,
        /** TLS client certificate (SASL EXTERNAL on IMAP, certificate-based relay on SMTP). */
        CLIENT_CERTIFICATE
    }

    private final Mechanism mechanism;
    private final AccessTokenSupplier tokens;
    private final SigningCredential credential;

    private MssanteAuthentication(Mechanism mechanism, AccessTokenSupplier tokens, SigningCredential credential) {
        this.mechanism = mechanism;
        this.tokens = tokens;
        this.credential = credential;
    }

    /**
     * SASL XOAUTH2 with an access token asked from the supplier right before each connection.
     *
     * @param tokens the token source (for example a Pro Santé Connect session's)
     * @return the authentication
     */
    public static MssanteAuthentication xoauth2(AccessTokenSupplier tokens) {
        return new MssanteAuthentication(Mechanism.XOAUTH2, Objects.requireNonNull(tokens, "tokens"), null);
    }

    /**
     * A TLS client certificate, for an applicative mailbox.
     *
     * @param credential the organisation certificate and its key
     * @return the authentication
     */
    public static MssanteAuthentication clientCertificate(SigningCredential credential) {
        return new MssanteAuthentication(Mechanism.CLIENT_CERTIFICATE, null,
                Objects.requireNonNull(credential, "credential"));
    }

    /** @return the mechanism */
    public Mechanism mechanism() {
        return mechanism;
    }

    /** @return the token supplier, for {@link Mechanism#XOAUTH2} */
    public Optional<AccessTokenSupplier> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** @return the client credential, for {@link Mechanism#CLIENT_CERTIFICATE} */
    public Optional<SigningCredential> credential() {
        return Optional.ofNullable(credential);
    }

    @Override
    public String toString() {
        return "MssanteAuthentication[" + mechanism + "]";
    }
}
