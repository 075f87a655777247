package io.segursdk.dmp;

/**
 * How the professional is authenticated towards the DMP: the VIHF {@code Authentification_mode} attribute. It decides
 * which certificate signs the VIHF and which transactions the DMP allows (functional rights matrix PDT-INF-526).
 */
public enum AuthenticationMode {
    /** The professional's own card (CPS, CPF, CPE): mutual TLS with the card's authentication key. */
    DIRECT("DIRECTE"),
    /** The structure's certificates (ORG_AUTH_CLI for TLS, ORG_SIGN for the VIHF): "établissement" mode. */
    INDIRECT("INDIRECTE"),
    /** Indirect with a strong local authentication of the professional (AIR, for example Pro Santé Connect). */
    INDIRECT_REINFORCED("INDIRECTE_RENFORCEE");

    private final String code;

    AuthenticationMode(String code) {
        this.code = code;
    }

    /** @return the value sent in the VIHF */
    public String code() {
        return code;
    }
}
