package io.segursdk.mssante;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.credentials.SigningCredential;

import java.util.Objects;
import java.util.Optional;

/**
 * How the client authenticates to the operator: a Pro Santé Connect access token (personal, organisational and
 * practice mailboxes), or a TLS client certificate (applicative mailboxes, IGC-Santé organisation certificate; SASL
 * EXTERNAL on IMAP). Immutable.
 *
 * <p>An access token goes with one of two SASL mechanisms, chosen by the factory method:
 * <ul>
 *   <li>{@link #xoauth2(AccessTokenSupplier)}: SASL XOAUTH2, the mechanism the MSSanté client referential names for
 *       the operators' standard interfaces and the one operators accept today. Use it unless the operator says
 *       otherwise.</li>
 *   <li>{@link #oauthBearer(AccessTokenSupplier)}: SASL OAUTHBEARER (RFC 7628), the standardised form of the same
 *       exchange, for operators that document it. The client's message names the mailbox as authorization identity
 *       and the host and port it connected to.</li>
 * </ul>
 * Both ask the supplier for a token right before each connection, and both report a refused token the same way: a
 * {@link TokenRefusedException} carrying the operator's JSON error, after the supplier's {@code invalidate()}.
 */
public final class MssanteAuthentication {

    /** The mechanism. */
    public enum Mechanism {
        /** SASL XOAUTH2 with a bearer token (the default choice for an access token). */
        XOAUTH2,
        /** SASL OAUTHBEARER (RFC 7628) with a bearer token. */
        OAUTHBEARER,
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
     * SASL OAUTHBEARER (RFC 7628) with an access token asked from the supplier right before each connection, for an
     * operator that documents this mechanism ({@link #xoauth2(AccessTokenSupplier)} otherwise).
     *
     * @param tokens the token source (for example a Pro Santé Connect session's)
     * @return the authentication
     */
    public static MssanteAuthentication oauthBearer(AccessTokenSupplier tokens) {
        return new MssanteAuthentication(Mechanism.OAUTHBEARER, Objects.requireNonNull(tokens, "tokens"), null);
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

    /** @return whether the client authenticates with an access token ({@link Mechanism#XOAUTH2} or
     *          {@link Mechanism#OAUTHBEARER}) */
    public boolean usesAccessToken() {
        return tokens != null;
    }

    /** @return the token supplier, for {@link Mechanism#XOAUTH2} and {@link Mechanism#OAUTHBEARER} */
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
