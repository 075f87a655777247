package io.segursdk.samples.journey;

import io.segursdk.core.auth.psc.CibaRequest;
import io.segursdk.core.auth.psc.PscClient;
import io.segursdk.core.auth.psc.PscSession;
import io.segursdk.core.auth.psc.PscTokens;

import java.security.SecureRandom;
import java.util.Optional;

/** Step 1 with e-CPS: a CIBA login at Pro Santé Connect, as desktop software does it through its vendor's server. */
final class EcpsLogin {

    private EcpsLogin() {
    }

    static ProfessionalSession login(PscClient client, String nationalId, PscClient.CibaChannel channel,
                                     String where) {
        try {
            // tag::ecps[]
            String binding = String.format("%02d", new SecureRandom().nextInt(100));
            CibaRequest request = client.startCiba(nationalId, binding, channel);
            // the software shows the binding message; the professional checks it on the e-CPS app and approves
            PscTokens tokens = client.awaitCiba(request);
            PscSession session = client.session(tokens);
            // end::ecps[]
            String who = tokens.idTokenClaims().nationalId().orElse("?");
            return new ProfessionalSession("e-CPS", Optional.empty(), Optional.empty(), Optional.of(session),
                    "e-CPS through Pro Santé Connect (CIBA, binding message " + binding + "): " + where
                            + "; ID token verified (signature, issuer, audience, nonce-less CIBA, acr) for national id "
                            + who + "; calls go through the structure's certificate (indirect reinforced mode)",
                    client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
