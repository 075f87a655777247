package io.segursdk.core.credentials;

import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.internal.credentials.SingleKeyManager;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A private key with its certificate chain, usable both to authenticate a TLS client and to sign XML (SAML
 * assertions, VIHF, XAdES).
 *
 * <p>Two implementations ship with the SDK: {@link SoftwareCredential} (a PKCS#12 file or stream: organisation
 * certificates such as INSI-AUTO, DMP signature certificates) and, in {@code sdk-cardreader}, a credential backed by a
 * CPS card through PKCS#11. Both plug into every client unchanged.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface SigningCredential {

    /** @return the end-entity certificate */
    X509Certificate certificate();

    /** @return the chain, end-entity first, as far as it is known (intermediates may be absent) */
    List<X509Certificate> certificateChain();

    /**
     * @return the private key; for a card, a handle that only its {@link #provider()} can use
     */
    PrivateKey privateKey();

    /**
     * @return the JCA provider holding the key, or empty when any installed provider may use it
     */
    Optional<Provider> provider();

    /**
     * @return a key manager presenting this credential as the TLS client identity, for sockets and engines alike
     */
    default X509ExtendedKeyManager keyManager() {
        return new SingleKeyManager("segursdk-credential", privateKey(),
                certificateChain().toArray(new X509Certificate[0]));
    }

    /**
     * Signs bytes with this credential's key.
     *
     * @param algorithm the algorithm
     * @param data      the bytes to sign
     * @return the signature value
     * @throws AuthenticationException when the key cannot sign (card removed, key not usable for signing)
     */
    default byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
        try {
            Signature signature = provider().isPresent()
                    ? Signature.getInstance(algorithm.jcaName(), provider().get())
                    : Signature.getInstance(algorithm.jcaName());
            if (algorithm.parameters() != null) {
                signature.setParameter(algorithm.parameters());
            }
            signature.initSign(privateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("Signing with " + algorithm + " failed for the credential of "
                    + certificate().getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }
}
