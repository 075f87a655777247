package io.segursdk.core.internal.auth.psc;

import io.segursdk.core.auth.psc.CibaDeniedException;
import io.segursdk.core.auth.psc.CibaExpiredException;
import io.segursdk.core.auth.psc.PscErrorException;

/** Maps OAuth error codes to the typed exceptions. */
public final class OAuthErrors {

    private OAuthErrors() {
    }

    /**
     * @param error       the error code
     * @param description the description, or {@code null}
     * @param status      the HTTP status, or 0
     * @return the exception to throw
     */
    public static PscErrorException of(String error, String description, int status) {
        switch (error) {
            case "access_denied":
                return status == 0 ? new PscErrorException(error, description, 0) : new CibaDeniedException(description);
            case "expired_token":
                return new CibaExpiredException(description);
            default:
                return new PscErrorException(error, description, status);
        }
    }
}
