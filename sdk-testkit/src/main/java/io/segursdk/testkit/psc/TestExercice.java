package io.segursdk.testkit.psc;

import java.util.List;
import java.util.Objects;

/**
 * One exercice (a profession practised) of a test professional, as the simulator returns it in
 * {@code SubjectRefPro.exercices} in userinfo.
 *
 * @param professionCode         {@code codeProfession} (e.g. {@code 10} médecin, {@code 21} pharmacien, {@code 60}
 *                               infirmier)
 * @param categoryCode           {@code codeCategorieProfessionnelle} ({@code C} civil, {@code M} militaire, {@code E}
 *                               étudiant), or {@code null}
 * @param savoirFaireTypeCode    {@code codeTypeSavoirFaire} (e.g. {@code S} spécialité ordinale), or {@code null}
 * @param savoirFaireCode        {@code codeSavoirFaire} (e.g. {@code SM54} médecine générale), or {@code null}
 * @param familyName             {@code nomDexercice}
 * @param givenName              {@code prenomDexercice}
 * @param activities             where this profession is practised
 */
public record TestExercice(String professionCode, String categoryCode, String savoirFaireTypeCode,
                           String savoirFaireCode, String familyName, String givenName,
                           List<TestActivity> activities) {

    /**
     * Copies the activities and checks the mandatory fields.
     *
     * @throws NullPointerException when the profession code, a name or the activity list is missing
     */
    public TestExercice {
        Objects.requireNonNull(professionCode, "professionCode");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(givenName, "givenName");
        activities = List.copyOf(activities);
    }
}
