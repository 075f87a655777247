package io.segursdk.cardreader;

import io.segursdk.cardreader.internal.CardSession;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.AuthenticationException;

import java.security.Provider;
import java.util.List;
import java.util.Optional;

/**
 * An open, logged-in CPS or CPE card, obtained from {@link Pkcs11Library#open(TokenSelector, char[])}.
 *
 * <p>It lists the card's certificates, tells who holds the card, and gives two {@link SigningCredential}s that every
 * SDK client accepts unchanged: {@link #authenticationCredential()} for TLS client authentication and
 * {@link #signatureCredential()} for XML signatures (VIHF, SAML assertions, documents). Keys never leave the card;
 * signing uses this card's own SunPKCS11 provider ({@link #provider()}), with RSA PKCS#1 v1.5 or PSS.
 *
 * <p>Thread-safe. Open each physical card once per process and share this object: PKCS#11 keeps the login per card
 * and process (see {@link CardAlreadyOpenException}). Closing logs out, uninstalls the provider, and makes the
 * credentials unusable ({@link IllegalStateException}).
 */
public final class CpsCard implements AutoCloseable {

    private final CardSession session;
    private final CardHolder holder;

    CpsCard(CardSession session) {
        this.session = session;
        CardHolder h;
        try {
            h = session.certificates().stream()
                    .filter(c -> c.usage() != CardKeyUsage.OTHER)
                    .sorted((a, b) -> a.usage().compareTo(b.usage()))
                    .findFirst()
                    .map(c -> CardHolder.fromCertificate(c.certificate()))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            h = null;
        }
        this.holder = h;
    }

    /** @return the PKCS#11 slot id the card is in */
    public long slotId() {
        return session.slotId();
    }

    /** @return the token label */
    public String tokenLabel() {
        return session.tokenLabel();
    }

    /** @return every certificate on the card, with its usage and whether its key is there */
    public List<CardCertificate> certificates() {
        return session.certificates();
    }

    /**
     * @return the card holder, read from the authentication certificate (else the signature certificate), when the
     *         card holds a personal certificate
     */
    public Optional<CardHolder> holder() {
        return Optional.ofNullable(holder);
    }

    /**
     * @return the credential of the authentication key ("Certificat d'Authentification CPS"), for TLS client
     *         authentication
     * @throws AuthenticationException when the card has no authentication key
     */
    public SigningCredential authenticationCredential() {
        return session.credential(CardKeyUsage.AUTHENTICATION).orElseThrow(() ->
                new AuthenticationException("The card holds no authentication key", null));
    }

    /**
     * @return the credential of the signature key ("Certificat de Signature CPS"), for XML signatures
     * @throws AuthenticationException when the card has no signature key
     */
    public SigningCredential signatureCredential() {
        return session.credential(CardKeyUsage.SIGNATURE).orElseThrow(() ->
                new AuthenticationException("The card holds no signature key", null));
    }

    /**
     * @param label the label of a key entry, as in {@link #certificates()}
     * @return its credential, when the card holds that key
     */
    public Optional<SigningCredential> credential(String label) {
        return session.credential(label).map(c -> c);
    }

    /** @return this card's SunPKCS11 provider (installed while the card is open) */
    public Provider provider() {
        return session.provider();
    }

    /** @return whether the card was closed */
    public boolean isClosed() {
        return session.isClosed();
    }

    /** Logs out and uninstalls the card's provider. Idempotent. */
    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "CpsCard[slot " + slotId() + "]";
    }
}
