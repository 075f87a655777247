package io.segursdk.core.auth.psc;

/**
 * The CIBA authentication request expired before the professional answered ({@code expired_token}, or its
 * {@code expires_in} elapsed while polling). Start a new request.
 */
public class CibaExpiredException extends PscErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param description the provider's description, or {@code null}
     */
    public CibaExpiredException(String description) {
        super("expired_token", description, 400);
    }
}
