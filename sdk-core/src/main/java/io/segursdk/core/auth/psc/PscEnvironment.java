package io.segursdk.core.auth.psc;

import java.net.URI;
import java.util.Objects;

/**
 * Which Pro Santé Connect instance a {@link PscClient} talks to: the sandbox ({@link #BAS}), {@link #PRODUCTION}, or
 * a {@link #custom(URI) custom issuer} such as the testkit's PSC simulator. The endpoints themselves are read from the
 * provider's discovery document, at PSC's own path {@value #DISCOVERY_PATH} under the issuer.
 *
 * @param name   a short name for logs and messages
 * @param issuer the issuer identifier (the Keycloak realm {@code esante-wallet})
 */
public record PscEnvironment(String name, URI issuer) {

    /** PSC's discovery path, relative to the issuer (PSC does not use {@code openid-configuration}). */
    public static final String DISCOVERY_PATH = "/.well-known/wallet-openid-configuration";

    /** The sandbox ("bac à sable"), for development and qualification with test e-CPS and test cards. */
    public static final PscEnvironment BAS = new PscEnvironment("BAS",
            URI.create("https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet"));

    /** Production. */
    public static final PscEnvironment PRODUCTION = new PscEnvironment("PRODUCTION",
            URI.create("https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet"));

    /**
     * Checks both fields.
     *
     * @throws NullPointerException when a field is missing
     * @throws io.segursdk.core.error.InvalidRequestException when the issuer is not an absolute https URI
     */
    public PscEnvironment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        if (!"https".equalsIgnoreCase(issuer.getScheme()) || issuer.getHost() == null) {
            throw io.segursdk.core.error.InvalidRequestException.of("psc.issuer", "must be an absolute https URI");
        }
    }

    /**
     * @param issuer the issuer, e.g. {@code PscSimulator.issuer()} in tests
     * @return an environment named {@code CUSTOM}
     */
    public static PscEnvironment custom(URI issuer) {
        return new PscEnvironment("CUSTOM", issuer);
    }

    /** @return the discovery document's address */
    public URI discoveryUri() {
        String s = issuer.toString();
        return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + DISCOVERY_PATH);
    }
}
