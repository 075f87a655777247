package io.segursdk.ins.internal.insi;

/** Namespaces, actions and element names of the INSi téléservice (WSDL 1.5.0). */
public final class InsiNs {

    /** Request namespace of the search by traits. */
    public static final String REC_SANS = "http://www.cnamts.fr/INSiRecSans";
    /** Request namespace of the search with carte Vitale data. */
    public static final String REC_VIT = "http://www.cnamts.fr/INSiRecVit";
    /** Response namespace. */
    public static final String RESULTAT = "http://www.cnamts.fr/INSiResultat";
    /** ContexteLPS header namespace. */
    public static final String CTX_LPS = "urn:siram:lps:ctxlps";
    /** ContexteBAM header namespace. */
    public static final String CTX_BAM = "urn:siram:bam:ctxbam";
    /** Fault detail namespace. */
    public static final String SIRAM = "urn:siram";

    /** wsa:Action of the search by traits. */
    public static final String ACTION_TRAITS = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";
    /** wsa:Action of the search with carte Vitale data. */
    public static final String ACTION_VITALE = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale";

    private InsiNs() {
    }
}
