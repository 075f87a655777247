package io.segursdk.dmp;

import java.util.Objects;

/**
 * The healthcare structure a document comes from (XDS {@code authorInstitution}, in the DMP's XON form).
 *
 * @param name       the structure's name, for example {@code "CABINET DR MARTIN"}
 * @param nationalId the structure's national identifier (IdNat_Struct): {@code 1}+FINESS, {@code 3}+SIRET, or
 *                   {@code 4}+RPPS+rank for a liberal practice
 */
public record Structure(String name, String nationalId) {

    /**
     * Checks that both parts are present; their content is checked when the metadata is built.
     *
     * @throws NullPointerException if a part is {@code null}
     */
    public Structure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nationalId, "nationalId");
    }
}
