package io.segursdk.core.auth.psc;

/** The professional refused the CIBA authentication request on their phone or card ({@code access_denied}). */
public class CibaDeniedException extends PscErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param description the provider's description, or {@code null}
     */
    public CibaDeniedException(String description) {
        super("access_denied", description, 400);
    }
}
