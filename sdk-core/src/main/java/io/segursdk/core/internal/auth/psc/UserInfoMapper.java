package io.segursdk.core.internal.auth.psc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segursdk.core.auth.psc.ProfessionalIdentity;
import io.segursdk.core.auth.psc.ProfessionalIdentity.Activity;
import io.segursdk.core.auth.psc.ProfessionalIdentity.Exercice;
import io.segursdk.core.error.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps PSC userinfo JSON (SubjectNameID, SubjectRefPro with exercices and activities) to ProfessionalIdentity. */
public final class UserInfoMapper {

    private UserInfoMapper() {
    }

    /**
     * @param node   the userinfo JSON
     * @param mapper the mapper, for the raw claims
     * @return the identity
     */
    public static ProfessionalIdentity map(JsonNode node, ObjectMapper mapper) {
        String nationalId = text(node, "SubjectNameID");
        if (nationalId == null) {
            nationalId = text(node, "preferred_username");
        }
        if (nationalId == null) {
            throw new TransportException("Pro Santé Connect userinfo carries no national id (SubjectNameID)",
                    PscHttp.SERVICE, null, 200, false, null);
        }
        JsonNode ref = node.path("SubjectRefPro");
        List<Exercice> exercices = new ArrayList<>();
        for (JsonNode e : ref.path("exercices")) {
            List<Activity> activities = new ArrayList<>();
            for (JsonNode a : e.path("activities")) {
                activities.add(new Activity(text(a, "codeModeExercice"), text(a, "codeSecteurDactivite"),
                        text(a, "codeSectionPharmacien"), text(a, "codeRole"),
                        text(a, "identifiantTechniqueDeLaStructure"), text(a, "numeroSiretSite"),
                        text(a, "numeroSirenSite"), text(a, "numeroFinessSite"),
                        text(a, "numeroFinessetablissementJuridique"), text(a, "raisonSocialeSite"),
                        text(a, "codePostal"), text(a, "codeCommune")));
            }
            exercices.add(new Exercice(text(e, "codeProfession"), text(e, "codeCategorieProfessionnelle"),
                    text(e, "codeTypeSavoirFaire"), text(e, "codeSavoirFaire"), text(e, "codeCiviliteDexercice"),
                    text(e, "nomDexercice"), text(e, "prenomDexercice"), activities));
        }
        Map<String, Object> claims = mapper.convertValue(node, new TypeReference<Map<String, Object>>() { });
        claims.values().removeIf(v -> v == null);
        return new ProfessionalIdentity(nationalId, text(node, "sub"), text(node, "family_name"),
                text(node, "given_name"), text(ref, "codeCivilite"), text(node, "email"), exercices, claims);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }
}
