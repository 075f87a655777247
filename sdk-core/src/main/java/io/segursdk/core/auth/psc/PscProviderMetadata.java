package io.segursdk.core.auth.psc;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints Pro Santé Connect announces in its discovery document.
 *
 * @param issuer                           the issuer
 * @param authorizationEndpoint            where the browser is sent to log in
 * @param tokenEndpoint                    the token endpoint
 * @param userinfoEndpoint                 the userinfo endpoint
 * @param jwksUri                          the signing keys
 * @param endSessionEndpoint               logout, or {@code null}
 * @param revocationEndpoint               token revocation (RFC 7009), or {@code null}
 * @param introspectionEndpoint            token introspection (RFC 7662), or {@code null}
 * @param backchannelAuthenticationEndpoint CIBA, or {@code null}
 * @param mtlsEndpointAliases              endpoints to use with mutual TLS (RFC 8705), by metadata name
 * @param grantTypesSupported              the grant types announced
 */
public record PscProviderMetadata(URI issuer, URI authorizationEndpoint, URI tokenEndpoint, URI userinfoEndpoint,
                                  URI jwksUri, URI endSessionEndpoint, URI revocationEndpoint,
                                  URI introspectionEndpoint, URI backchannelAuthenticationEndpoint,
                                  Map<String, URI> mtlsEndpointAliases, List<String> grantTypesSupported) {

    /** Copies the collections. */
    public PscProviderMetadata {
        mtlsEndpointAliases = Map.copyOf(mtlsEndpointAliases);
        grantTypesSupported = List.copyOf(grantTypesSupported);
    }

    /** @return the end session endpoint, when announced */
    public Optional<URI> endSession() {
        return Optional.ofNullable(endSessionEndpoint);
    }

    /** @return the revocation endpoint, when announced */
    public Optional<URI> revocation() {
        return Optional.ofNullable(revocationEndpoint);
    }

    /** @return the CIBA endpoint, when announced */
    public Optional<URI> backchannelAuthentication() {
        return Optional.ofNullable(backchannelAuthenticationEndpoint);
    }
}
