package io.segursdk.samples.journey;

import io.segursdk.core.auth.psc.PscSession;
import io.segursdk.core.credentials.SigningCredential;

import java.util.Optional;

/**
 * The professional as step 1 identified them: the card's (or software) authentication and signature credentials, or
 * an e-CPS session at Pro Santé Connect. Closing it closes the card or ends nothing else.
 *
 * @param variant        which means was used ({@code card}, {@code software}, {@code e-CPS})
 * @param authentication the key for mutual TLS as the professional, absent with e-CPS
 * @param signature      the key that signs the VIHF and the assertion PS, absent with e-CPS
 * @param psc            the Pro Santé Connect session, with e-CPS only
 * @param proof          what step 1 proved, for the report (no patient data)
 * @param onClose        closes the card, if any
 */
record ProfessionalSession(String variant, Optional<SigningCredential> authentication,
                           Optional<SigningCredential> signature, Optional<PscSession> psc, String proof,
                           AutoCloseable onClose) implements AutoCloseable {

    /** @return whether the professional signs with their own key (card or software), rather than through e-CPS */
    boolean hasPersonalKeys() {
        return authentication.isPresent() && signature.isPresent();
    }

    @Override
    public void close() throws Exception {
        onClose.close();
    }
}
