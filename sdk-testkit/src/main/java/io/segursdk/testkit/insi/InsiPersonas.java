package io.segursdk.testkit.insi;

import java.util.List;

/**
 * The simulator's built-in test identities: fictional people written for this test kit (names, dates and numbers are
 * invented; every NIR/NIA key satisfies the modulo 97 check). Each covers one case of the CNDA's INSi test plan.
 * Vendors add their own with {@link InsiSimulator#addPersona(InsiPersona)}.
 */
public final class InsiPersonas {

    /** Found on a plain search: BRANDEVILLE MAELYS, F, 1984-05-12, born in 35238. */
    public static final InsiPersona BRANDEVILLE = InsiPersona.builder()
            .birthName("BRANDEVILLE").firstNames("MAELYS", "ODILE").sex("F").birthDate("1984-05-12")
            .birthPlace("35238").activeIns("284053523811778", InsiPersona.OID_NIR).build();

    /**
     * Found only on the second first name: INSi knows LORIVAL THEO GASPARD; a patient recorded as AUBIN THEO GASPARD
     * gets 01 on AUBIN, then 00 on THEO. M, 1971-11-03, born in 69123.
     */
    public static final InsiPersona LORIVAL = InsiPersona.builder()
            .birthName("LORIVAL").firstNames("THEO", "GASPARD").sex("M").birthDate("1971-11-03")
            .birthPlace("69123").activeIns("171116912304570", InsiPersona.OID_NIR).build();

    /** Born in Corse-du-Sud (2A): SANTUCCI-ORSO LIVIA, F, 1990-08-21, born in 2A004. */
    public static final InsiPersona SANTUCCI_ORSO = InsiPersona.builder()
            .birthName("SANTUCCI-ORSO").firstNames("LIVIA").sex("F").birthDate("1990-08-21")
            .birthPlace("2A004").activeIns("290082A00403294", InsiPersona.OID_NIR).build();

    /**
     * Born in Haute-Corse (2B), with one former INS (a NIA replaced by the NIR): FALCUCCI PAOLU, M, 1958-03-07,
     * born in 2B033.
     */
    public static final InsiPersona FALCUCCI = InsiPersona.builder()
            .birthName("FALCUCCI").firstNames("PAOLU", "ANTONE").sex("M").birthDate("1958-03-07")
            .birthPlace("2B033").activeIns("158032B03301431", InsiPersona.OID_NIR)
            .formerIns("158039935000679", InsiPersona.OID_NIA, "1958-03-20", "1975-06-30").build();

    /** Identified by a NIA (OID .9), the number of a person born abroad: PENDRAGUE ILYES, M, 2001-02-14, 99350. */
    public static final InsiPersona PENDRAGUE = InsiPersona.builder()
            .birthName("PENDRAGUE").firstNames("ILYES").sex("M").birthDate("2001-02-14")
            .birthPlace("99350").activeIns("101029935021132", InsiPersona.OID_NIA).build();

    /**
     * With an INS history of two former INS: VERMANDOIS CLEMENT, M, 1966-09-30, born in 59350; no birth place
     * returned (INSi may leave it out).
     */
    public static final InsiPersona VERMANDOIS = InsiPersona.builder()
            .birthName("VERMANDOIS").firstNames("CLEMENT", "YVES").sex("M").birthDate("1966-09-30")
            .activeIns("166095935007815", InsiPersona.OID_NIR)
            .formerIns("166099913402734", InsiPersona.OID_NIA, "1966-10-01", "2001-05-31")
            .formerIns("266095935007862", InsiPersona.OID_NIR, "2001-06-01", "2003-12-31").build();

    /** One of two homonyms (02 without birth place): GARNIER-VOLTE JULES, M, 2012-06-09, born in 44109. */
    public static final InsiPersona GARNIER_VOLTE_NANTES = InsiPersona.builder()
            .birthName("GARNIER-VOLTE").firstNames("JULES").sex("M").birthDate("2012-06-09")
            .birthPlace("44109").activeIns("112064410905289", InsiPersona.OID_NIR).build();

    /** The other homonym: GARNIER-VOLTE JULES, M, 2012-06-09, born in 13055. */
    public static final InsiPersona GARNIER_VOLTE_MARSEILLE = InsiPersona.builder()
            .birthName("GARNIER-VOLTE").firstNames("JULES").sex("M").birthDate("2012-06-09")
            .birthPlace("13055").activeIns("112061305508786", InsiPersona.OID_NIR).build();

    /**
     * A child on a parent's carte Vitale (insured number 2820631555041, rank 1): ROUSSEL-AUDRAN NINON, F,
     * 2015-04-02, born in 31555.
     */
    public static final InsiPersona ROUSSEL_AUDRAN = InsiPersona.builder()
            .birthName("ROUSSEL-AUDRAN").firstNames("NINON").sex("F").birthDate("2015-04-02")
            .birthPlace("31555").activeIns("215043155516309", InsiPersona.OID_NIR)
            .insuredNumber("2820631555041").birthRank(1).build();

    private InsiPersonas() {
    }

    /** @return every built-in persona */
    public static List<InsiPersona> all() {
        return List.of(BRANDEVILLE, LORIVAL, SANTUCCI_ORSO, FALCUCCI, PENDRAGUE, VERMANDOIS, GARNIER_VOLTE_NANTES,
                GARNIER_VOLTE_MARSEILLE, ROUSSEL_AUDRAN);
    }
}
