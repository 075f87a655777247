package io.segursdk.core.auth.psc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who logged in with Pro Santé Connect, from the userinfo endpoint: the national id, the names, and every exercice
 * (profession) with its activities (where and how the profession is practised). PSC has no notion of "profile":
 * the software chooses the exercice and activity the professional works in from these lists.
 *
 * @param nationalId the national identifier ({@code SubjectNameID}: {@code 8} + RPPS, or {@code 0} + ADELI…)
 * @param subject    the technical subject ({@code sub})
 * @param familyName {@code family_name}
 * @param givenName  {@code given_name}
 * @param civilite   {@code SubjectRefPro.codeCivilite}, or {@code null}
 * @param email      {@code email}, or {@code null}
 * @param exercices  {@code SubjectRefPro.exercices}
 * @param claims     every userinfo claim, as plain Java values
 */
public record ProfessionalIdentity(String nationalId, String subject, String familyName, String givenName,
                                   String civilite, String email, List<Exercice> exercices,
                                   Map<String, Object> claims) {

    /** Checks the national id and copies the collections. */
    public ProfessionalIdentity {
        Objects.requireNonNull(nationalId, "nationalId");
        exercices = List.copyOf(exercices);
        claims = Map.copyOf(claims);
    }

    /** @return the e-mail address, when given */
    public Optional<String> emailAddress() {
        return Optional.ofNullable(email);
    }

    /** @return the RPPS number when the national id is {@code 8} + RPPS */
    public Optional<String> rpps() {
        return nationalId.startsWith("8") && nationalId.length() == 12
                ? Optional.of(nationalId.substring(1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "ProfessionalIdentity[nationalId=" + nationalId + ", exercices=" + exercices.size() + "]";
    }

    /**
     * One profession practised ({@code exercices[]}).
     *
     * @param professionCode      {@code codeProfession} (TRE_G15: 10 médecin, 21 pharmacien, 60 infirmier…)
     * @param categoryCode        {@code codeCategorieProfessionnelle}, or {@code null}
     * @param savoirFaireTypeCode {@code codeTypeSavoirFaire}, or {@code null}
     * @param savoirFaireCode     {@code codeSavoirFaire} (specialty), or {@code null}
     * @param civiliteExercice    {@code codeCiviliteDexercice}, or {@code null}
     * @param familyName          {@code nomDexercice}, or {@code null}
     * @param givenName           {@code prenomDexercice}, or {@code null}
     * @param activities          {@code activities}
     */
    public record Exercice(String professionCode, String categoryCode, String savoirFaireTypeCode,
                           String savoirFaireCode, String civiliteExercice, String familyName, String givenName,
                           List<Activity> activities) {

        /** Copies the activities. */
        public Exercice {
            activities = List.copyOf(activities);
        }
    }

    /**
     * One activity of an exercice ({@code activities[]}): a practice site and mode.
     *
     * @param modeExerciceCode    {@code codeModeExercice} ({@code L} libéral, {@code S} salarié, {@code B} bénévole)
     * @param secteurActiviteCode {@code codeSecteurDactivite}, or {@code null}
     * @param sectionPharmacien   {@code codeSectionPharmacien}, or {@code null}
     * @param roleCode            {@code codeRole}, or {@code null}
     * @param structureId         {@code identifiantTechniqueDeLaStructure}, or {@code null}
     * @param siret               {@code numeroSiretSite}, or {@code null}
     * @param siren               {@code numeroSirenSite}, or {@code null}
     * @param finess              {@code numeroFinessSite}, or {@code null}
     * @param finessLegalEntity   {@code numeroFinessetablissementJuridique}, or {@code null}
     * @param structureName       {@code raisonSocialeSite}, or {@code null}
     * @param postalCode          {@code codePostal}, or {@code null}
     * @param communeCode         {@code codeCommune}, or {@code null}
     */
    public record Activity(String modeExerciceCode, String secteurActiviteCode, String sectionPharmacien,
                           String roleCode, String structureId, String siret, String siren, String finess,
                           String finessLegalEntity, String structureName, String postalCode, String communeCode) {
    }
}
