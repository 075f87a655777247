package io.segursdk.testkit.psc;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * A relying party (the vendor's software) registered with a {@link PscSimulator}, with the way it authenticates at
 * the token, backchannel-authentication, introspection and revocation endpoints.
 *
 * <p>A {@link #secret(String, String) secret} client may use {@code client_secret_basic} or
 * {@code client_secret_post}; a {@link #privateKeyJwt(String, X509Certificate) private_key_jwt} client signs an
 * RS256 client assertion with the key of the given certificate; a {@link #tlsClientAuth(String, X509Certificate)
 * tls_client_auth} client presents that certificate in the TLS handshake.
 */
public final class RegisteredClient {

    /** How a client authenticates. */
    public enum Method {
        /** {@code client_secret_basic} or {@code client_secret_post}. */
        SECRET,
        /** {@code private_key_jwt}. */
        PRIVATE_KEY_JWT,
        /** {@code tls_client_auth}. */
        TLS_CLIENT_AUTH
    }

    private final String clientId;
    private final Method method;
    private final String secret;
    private final X509Certificate certificate;

    private RegisteredClient(String clientId, Method method, String secret, X509Certificate certificate) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.method = method;
        this.secret = secret;
        this.certificate = certificate;
    }

    /**
     * @param clientId the client id
     * @param secret   the client secret
     * @return a client authenticating with its secret
     */
    public static RegisteredClient secret(String clientId, String secret) {
        return new RegisteredClient(clientId, Method.SECRET, Objects.requireNonNull(secret, "secret"), null);
    }

    /**
     * @param clientId    the client id
     * @param certificate the certificate whose (RSA) public key verifies the client assertions
     * @return a client authenticating with {@code private_key_jwt}
     */
    public static RegisteredClient privateKeyJwt(String clientId, X509Certificate certificate) {
        return new RegisteredClient(clientId, Method.PRIVATE_KEY_JWT, null,
                Objects.requireNonNull(certificate, "certificate"));
    }

    /**
     * @param clientId    the client id
     * @param certificate the TLS client certificate the client must present
     * @return a client authenticating with {@code tls_client_auth}
     */
    public static RegisteredClient tlsClientAuth(String clientId, X509Certificate certificate) {
        return new RegisteredClient(clientId, Method.TLS_CLIENT_AUTH, null,
                Objects.requireNonNull(certificate, "certificate"));
    }

    /** @return the client id */
    public String clientId() {
        return clientId;
    }

    /** @return the authentication method */
    public Method method() {
        return method;
    }

    /** @return the secret of a {@link Method#SECRET} client */
    public Optional<String> secret() {
        return Optional.ofNullable(secret);
    }

    /** @return the certificate of a {@link Method#PRIVATE_KEY_JWT} or {@link Method#TLS_CLIENT_AUTH} client */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    @Override
    public String toString() {
        return "RegisteredClient[" + clientId + ", " + method + "]";
    }
}
