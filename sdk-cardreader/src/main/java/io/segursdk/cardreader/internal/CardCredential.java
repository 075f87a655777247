package io.segursdk.cardreader.internal;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;


/**
 * A {@link SigningCredential} whose key stays on the card. Signing goes through the card's own SunPKCS11 instance;
 * failures are reported as the card's typed errors (wrong state, card removed).
 */
public final class CardCredential implements SigningCredential {

    private final CardSession session;
    private final String label;
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    /**
     * @param session the open card
     * @param label   the key entry's label
     * @param key     the key handle
     * @param chain   the chain, end-entity first
     */
    public CardCredential(CardSession session, String label, PrivateKey key, List<X509Certificate> chain) {
        this.session = session;
        this.label = label;
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    @Override
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public PrivateKey privateKey() {
        session.ensureOpen();
        return key;
    }

    @Override
    public Optional<Provider> provider() {
        return Optional.of(session.provider());
    }

    @Override
    public byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
        session.ensureOpen();
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName(), session.provider());
            if (algorithm.parameters() != null) {
                signature.setParameter(algorithm.parameters());
            }
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | ProviderException e) {
            throw Pkcs11Errors.translate("Signing with " + algorithm + " on the card", e, session.tokenFlags());
        }
    }

    /** @return the key entry's label on the token */
    String label() {
        return label;
    }

    @Override
    public String toString() {
        return "CardCredential[" + label + "]";
    }
}
