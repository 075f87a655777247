package io.segursdk.core.auth.psc;

import java.net.URI;
import java.util.Objects;

/**
 * An authorization code request with PKCE, made by {@link PscClient#authorizationRequest(URI)}: send the browser to
 * {@link #uri()}, keep this object (or its fields) in the user's server-side session, and give it back with the
 * callback to {@link PscClient#exchangeCode(AuthorizationRequest, URI)}, which checks the state and the nonce.
 *
 * <p>The state, nonce and code verifier are secrets of this login: never put them in logs or in the browser
 * outside the authorization URI. {@link #toString()} hides them.
 *
 * @param uri          the authorization URI to redirect the browser to
 * @param redirectUri  the callback URI registered with PSC
 * @param state        the anti-forgery state
 * @param nonce        the ID token nonce
 * @param codeVerifier the PKCE code verifier
 */
public record AuthorizationRequest(URI uri, URI redirectUri, String state, String nonce, String codeVerifier) {

    /** Checks every field is present. */
    public AuthorizationRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[redirectUri=" + redirectUri + "]";
    }
}
