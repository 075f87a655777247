package io.segursdk.testkit.psc;

import java.util.Objects;

/**
 * One activity of a test professional's exercice: where and how they practise, as the simulator returns it in the
 * {@code activities} of {@code SubjectRefPro.exercices} in userinfo.
 *
 * @param modeExerciceCode     {@code codeModeExercice}: {@code L} (libéral), {@code S} (salarié), {@code B} (bénévole)
 * @param secteurActiviteCode  {@code codeSecteurDactivite}, e.g. {@code SA07} (cabinet individuel)
 * @param roleCode             {@code codeRole}, or {@code null}
 * @param structureId          {@code identifiantTechniqueDeLaStructure} (e.g. {@code R10100000012345}), or {@code null}
 * @param siret                {@code numeroSiretSite}, or {@code null}
 * @param finess               {@code numeroFinessSite}, or {@code null}
 * @param structureName        {@code raisonSocialeSite}, or {@code null}
 * @param postalCode           {@code codePostal}, or {@code null}
 * @param communeCode          {@code codeCommune} (INSEE), or {@code null}
 */
public record TestActivity(String modeExerciceCode, String secteurActiviteCode, String roleCode, String structureId,
                           String siret, String finess, String structureName, String postalCode,
                           String communeCode) {

    /**
     * Checks the mandatory fields.
     *
     * @throws NullPointerException when the mode or the sector is missing
     */
    public TestActivity {
        Objects.requireNonNull(modeExerciceCode, "modeExerciceCode");
        Objects.requireNonNull(secteurActiviteCode, "secteurActiviteCode");
    }

    /**
     * A liberal practice in a private office ({@code L}, {@code SA07}).
     *
     * @param structureId   the structure's technical id
     * @param structureName the structure's name
     * @return the activity
     */
    public static TestActivity liberalOffice(String structureId, String structureName) {
        return new TestActivity("L", "SA07", null, structureId, null, null, structureName, "75011", "75111");
    }

    /**
     * A salaried practice in a health establishment ({@code S}, {@code SA01}).
     *
     * @param finess        the site's FINESS number
     * @param structureName the establishment's name
     * @return the activity
     */
    public static TestActivity hospital(String finess, String structureName) {
        return new TestActivity("S", "SA01", null, "1" + finess, null, finess, structureName, "69003", "69383");
    }
}
