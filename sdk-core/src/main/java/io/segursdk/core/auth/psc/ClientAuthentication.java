package io.segursdk.core.auth.psc;

import io.segursdk.core.credentials.SigningCredential;

import java.util.Objects;
import java.util.Optional;

/**
 * How the vendor's software authenticates to Pro Santé Connect at the token, backchannel-authentication,
 * introspection and revocation endpoints. The secret or key belongs on the vendor's server: PSC requires desktop
 * software to go through a server of its vendor for CIBA.
 *
 * <ul>
 *   <li>{@link #clientSecretBasic(String)} / {@link #clientSecretPost(String)}: the secret PSC issued;</li>
 *   <li>{@link #privateKeyJwt(SigningCredential)}: an RS256 client assertion signed with the credential (a
 *       software or organisation certificate);</li>
 *   <li>{@link #tlsClientAuth(SigningCredential)}: mutual TLS with the credential's certificate (RFC 8705), using
 *       the provider's {@code mtls_endpoint_aliases} when it publishes them.</li>
 * </ul>
 */
public final class ClientAuthentication {

    /** The token endpoint authentication methods. */
    public enum Method {
        /** {@code client_secret_basic}. */
        CLIENT_SECRET_BASIC,
        /** {@code client_secret_post}. */
        CLIENT_SECRET_POST,
        /** {@code private_key_jwt}. */
        PRIVATE_KEY_JWT,
        /** {@code tls_client_auth}. */
        TLS_CLIENT_AUTH
    }

    private final Method method;
    private final String secret;
    private final SigningCredential credential;

    private ClientAuthentication(Method method, String secret, SigningCredential credential) {
        this.method = method;
        this.secret = secret;
        this.credential = credential;
    }

    /**
     * @param secret the client secret
     * @return HTTP Basic authentication with the client id and secret
     */
    public static ClientAuthentication clientSecretBasic(String secret) {
        return new ClientAuthentication(Method.CLIENT_SECRET_BASIC, Objects.requireNonNull(secret, "secret"), null);
    }

    /**
     * @param secret the client secret
     * @return the client id and secret sent as form parameters
     */
    public static ClientAuthentication clientSecretPost(String secret) {
        return new ClientAuthentication(Method.CLIENT_SECRET_POST, Objects.requireNonNull(secret, "secret"), null);
    }

    /**
     * @param credential the key signing the client assertions (RSA, signed with RS256)
     * @return {@code private_key_jwt}
     */
    public static ClientAuthentication privateKeyJwt(SigningCredential credential) {
        return new ClientAuthentication(Method.PRIVATE_KEY_JWT, null,
                Objects.requireNonNull(credential, "credential"));
    }

    /**
     * @param credential the TLS client identity
     * @return {@code tls_client_auth} (mutual TLS)
     */
    public static ClientAuthentication tlsClientAuth(SigningCredential credential) {
        return new ClientAuthentication(Method.TLS_CLIENT_AUTH, null,
                Objects.requireNonNull(credential, "credential"));
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the secret, for the secret methods */
    public Optional<String> secret() {
        return Optional.ofNullable(secret);
    }

    /** @return the credential, for {@code private_key_jwt} and {@code tls_client_auth} */
    public Optional<SigningCredential> credential() {
        return Optional.ofNullable(credential);
    }

    /** @return the method only: the secret is never shown */
    @Override
    public String toString() {
        return "ClientAuthentication[" + method + "]";
    }
}
