package io.segursdk.testkit.insi;

import io.segursdk.testkit.server.SimHandler;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SignedAssertionVerifier;
import io.segursdk.testkit.soap.SoapCheckException;
import io.segursdk.testkit.soap.SoapResponses;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A simulator of the CNAM's INSi téléservice (WSDL 1.5.0), for contract tests of practice software: answers
 * {@code rechercherInsAvecTraitsIdentite} and {@code rechercherInsAvecCarteVitale} on the path {@code /lps} of a
 * {@link SimulatorServer}, from a set of {@linkplain InsiPersona test identities}, with the response and fault
 * shapes of the real service.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * SimulatorServer server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build().start();
 * InsiSimulator insi = InsiSimulator.builder().authorisationNumber("MYSOFT0001").install(server);
 * insi.addPersona(myOwnPersona);
 * // point the INSi client at insi.endpoint(), with an INSI-AUTO certificate issued by pki
 * }</pre>
 *
 * <p>What it checks, in this order, answering with a SOAP 1.2 fault (HTTP 500) like the real service:
 * <ol>
 * <li>a SOAP 1.2 envelope, whose {@code wsa:Action} is one of the two operations and whose {@code wsa:MessageID}
 *     starts with {@code uuid:};</li>
 * <li>a {@code ContexteLPS} (Nature {@code CTXLPS}, Id, Temps) whose {@code LPS/IDAM R="4"} is a known
 *     authorisation number, else {@code siram_100} / {@code desir_550};</li>
 * <li>a {@code ContexteBAM} holding {@code COUVERTURE}, else a {@code Sender} fault with the simulator's own detail
 *     code {@code SIMU_CTXBAM} (the real code is not documented publicly);</li>
 * <li>the caller: when {@code wsse:Security} holds an assertion PS ({@code NameID NameQualifier="CPS"}), its
 *     signature, chain to the test PKI and validity (faults {@code FailedCheck} / {@code InvalidSecurityToken});
 *     otherwise a TLS client certificate whose CN is exactly {@code INSI-AUTO} or {@code INSI-MANU}, else
 *     {@code DESIR_560};</li>
 * <li>the body matching the action, and the traits' format: an empty or unknown {@code Sexe} gives {@code insi_24};
 *     other malformed traits give the simulator's own code {@code SIMU_FORMAT} naming the field; a search with carte
 *     Vitale data also needs a second token (the Vitale assertion) in {@code wsse:Security}.</li>
 * </ol>
 * Then it answers {@code RESULTAT} with {@code CodeCR} 00 (one persona matches), 01 (none) or 02 (several). How a
 * persona matches is described on {@link InsiPersona}; with carte Vitale data, a persona matches on the beneficiary's
 * number, or on the insured person's number with the birth date, birth name and rank.
 *
 * <p>Faults: {@link #failNext(String, String, String, String)} makes the next call answer a given SOAP fault (for
 * example a {@code Receiver} fault); the server's {@link SimulatorServer#injectFault} covers HTTP-level failures.
 * Thread-safe.
 */
public final class InsiSimulator implements SimHandler {

    /** The route the simulator answers on. */
    public static final String PATH = "/lps";
    /** wsa:Action of the search by traits. */
    public static final String ACTION_TRAITS = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";
    /** wsa:Action of the search with carte Vitale data. */
    public static final String ACTION_VITALE = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale";

    private static final String REC_SANS = "http://www.cnamts.fr/INSiRecSans";
    private static final String REC_VIT = "http://www.cnamts.fr/INSiRecVit";
    private static final String RESULTAT = "http://www.cnamts.fr/INSiResultat";
    private static final String CTX_LPS = "urn:siram:lps:ctxlps";
    private static final String CTX_BAM = "urn:siram:bam:ctxbam";
    private static final Pattern NAME = Pattern.compile("[A-Z]+(?:(?:--?|'| )[A-Z]+)*");
    private static final Pattern FIRST_NAME = Pattern.compile("[A-Z]+(?:(?:--?|')[A-Z]+)*(?: [A-Z]+(?:(?:--?|')[A-Z]+)*)*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern COG = Pattern.compile("[A-Za-z0-9]{5}");

    /** A SOAP fault to answer instead of a result. */
    private record QueuedFault(String code, String subcode, String detailCode, String reason) {
    }

    private final Set<String> authorisationNumbers;
    private final List<InsiPersona> personas = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<QueuedFault> queuedFaults = new ConcurrentLinkedQueue<>();
    private final SignedAssertionVerifier assertionVerifier;
    private final SimulatorServer server;

    private InsiSimulator(Builder b, SimulatorServer server) {
        this.authorisationNumbers = Set.copyOf(b.authorisationNumbers);
        if (b.defaultPersonas) {
            personas.addAll(InsiPersonas.all());
        }
        this.server = server;
        this.assertionVerifier = SignedAssertionVerifier.trusting(server.pki().rootCertificate(),
                server.pki().personnesCaCertificate());
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the URL to give the INSi client: the server's {@code /lps} */
    public URI endpoint() {
        return server.uri(PATH);
    }

    /** @return the server the simulator runs on (captured requests, HTTP fault injection) */
    public SimulatorServer server() {
        return server;
    }

    /**
     * Adds a test identity.
     *
     * @param persona the identity
     * @return this simulator
     */
    public InsiSimulator addPersona(InsiPersona persona) {
        personas.add(java.util.Objects.requireNonNull(persona, "persona"));
        return this;
    }

    /** Forgets every test identity (built-in ones included). */
    public void clearPersonas() {
        personas.clear();
    }

    /** @return the identities known, in order */
    public List<InsiPersona> personas() {
        return List.copyOf(personas);
    }

    /**
     * Makes the next call answer a SOAP 1.2 fault, after the request was captured.
     *
     * @param code       {@code Sender} or {@code Receiver}
     * @param subcode    the subcode (for example {@code siram_100}), or null
     * @param detailCode the {@code siram:Erreur code}, or null for no detail
     * @param reason     the Reason text
     * @return this simulator
     */
    public InsiSimulator failNext(String code, String subcode, String detailCode, String reason) {
        queuedFaults.add(new QueuedFault(code, subcode, detailCode, reason));
        return this;
    }

    /**
     * Handles one request (the server calls this for {@code /lps}; tests may call it directly).
     *
     * @param request the HTTP request
     * @return the SOAP response or fault
     */
    @Override
    public SimResponse handle(SimRequest request) {
        String relatesTo = null;
        try {
            InboundSoap soap = InboundSoap.parse(request.contentType().orElse(null), request.body());
            relatesTo = soap.messageId().orElse(null);
            QueuedFault queued = queuedFaults.poll();
            if (queued != null) {
                return fault(queued.code, queued.subcode, queued.detailCode, queued.reason, relatesTo);
            }
            return answer(soap, request);
        } catch (InsiFault f) {
            return fault(f.code, f.subcode, f.detailCode, f.getMessage(), relatesTo);
        } catch (SoapCheckException e) {
            return SimResponse.of(500, SoapResponses.CONTENT_TYPE, SoapResponses.fault(e, relatesTo));
        }
    }

    private SimResponse answer(InboundSoap soap, SimRequest request) {
        if (!soap.isSoap12()) {
            throw new SoapCheckException("VersionMismatch", "INSi speaks SOAP 1.2 only");
        }
        String action = soap.action().orElse("");
        if (!action.equals(ACTION_TRAITS) && !action.equals(ACTION_VITALE)) {
            throw new SoapCheckException("Sender", "ActionNotSupported", "unknown wsa:Action: " + action);
        }
        String messageId = soap.messageId().orElse("");
        if (!messageId.startsWith("uuid:")) {
            throw new SoapCheckException("Sender", "InvalidAddressingHeader",
                    "wsa:MessageID must be uuid:<UUID>");
        }
        checkContexteLps(soap.header(CTX_LPS, "ContexteLPS").orElse(null));
        Element bam = soap.header(CTX_BAM, "ContexteBAM").orElse(null);
        if (bam == null || InboundSoap.child(bam, CTX_BAM, "COUVERTURE") == null) {
            throw new InsiFault("Sender", null, "SIMU_CTXBAM", "ContexteBAM with COUVERTURE is required");
        }
        int tokens = checkCaller(soap, request);
        Element payload = soap.payload().orElseThrow(() -> new InsiFault("Sender", null, "SIMU_FORMAT",
                "empty Body"));
        List<InsiPersona> found;
        if (action.equals(ACTION_TRAITS)) {
            expect(payload, REC_SANS, "RECSANSVITALE");
            found = searchTraits(payload);
        } else {
            expect(payload, REC_VIT, "RECVITALE");
            if (tokens < 1) {
                throw new InsiFault("Sender", null, "SIMU_VITALE_ASSERTION",
                        "the Vitale assertion is missing from wsse:Security");
            }
            found = searchVitale(payload);
        }
        String body = resultat(found);
        return SimResponse.of(200, SoapResponses.CONTENT_TYPE,
                SoapResponses.envelope(action + "Response", messageId, body));
    }

    private void checkContexteLps(Element lps) {
        String idam = null;
        boolean shaped = false;
        if (lps != null) {
            Element software = InboundSoap.child(lps, CTX_LPS, "LPS");
            Element idamElement = software == null ? null : InboundSoap.child(software, CTX_LPS, "IDAM");
            if (idamElement != null && "4".equals(idamElement.getAttribute("R"))) {
                idam = idamElement.getTextContent().trim();
            }
            shaped = "CTXLPS".equals(lps.getAttribute("Nature")) && !lps.getAttribute("Version").isEmpty()
                    && InboundSoap.child(lps, CTX_LPS, "Id") != null
                    && InboundSoap.child(lps, CTX_LPS, "Temps") != null;
        }
        if (!shaped || idam == null || !authorisationNumbers.contains(idam)) {
            throw new InsiFault("Sender", "siram_100", "desir_550",
                    "L'accès par ce progiciel au service n'est pas autorisé. Contactez l'éditeur du progiciel ou "
                            + "votre responsable informatique.");
        }
    }

    /** @return the number of tokens in wsse:Security besides the assertion PS */
    private int checkCaller(InboundSoap soap, SimRequest request) {
        Element security = soap.security().orElse(null);
        Element ps = null;
        int others = 0;
        if (security != null) {
            for (Node n = security.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    if (ps == null && isAssertionPs(e)) {
                        ps = e;
                    } else {
                        others++;
                    }
                }
            }
        }
        if (ps != null) {
            assertionVerifier.verify(ps);
            return others;
        }
        Optional<X509Certificate> cert = request.clientCertificate();
        String cn = cert.map(InsiSimulator::commonName).orElse(null);
        if (!"INSI-AUTO".equals(cn) && !"INSI-MANU".equals(cn)) {
            throw new InsiFault("Sender", null, "DESIR_560",
                    "Niveau d'accès insuffisant. Vous ne disposez pas des droits suffisants pour accéder à ce service.");
        }
        return others;
    }

    private static boolean isAssertionPs(Element e) {
        if (!"Assertion".equals(e.getLocalName()) || !SignedAssertionVerifier.SAML2_NS.equals(e.getNamespaceURI())) {
            return false;
        }
        Element subject = InboundSoap.child(e, SignedAssertionVerifier.SAML2_NS, "Subject");
        Element nameId = subject == null ? null : InboundSoap.child(subject, SignedAssertionVerifier.SAML2_NS, "NameID");
        return nameId != null && "CPS".equals(nameId.getAttribute("NameQualifier"));
    }

    private List<InsiPersona> searchTraits(Element body) {
        String name = text(body, REC_SANS, "NomNaissance");
        List<String> prenoms = texts(body, REC_SANS, "Prenom");
        String sex = text(body, REC_SANS, "Sexe");
        String date = text(body, REC_SANS, "DateNaissance");
        String place = text(body, REC_SANS, "LieuNaissance");
        if (sex == null || !(sex.equals("F") || sex.equals("M"))) {
            throw new InsiFault("Sender", null, "insi_24", "Le format du champ sexe est incorrect");
        }
        format(name != null && NAME.matcher(name).matches(), "NomNaissance");
        format(prenoms.size() == 1 && FIRST_NAME.matcher(prenoms.get(0)).matches(), "Prenom");
        format(date != null && DATE.matcher(date).matches(), "DateNaissance");
        format(place == null || COG.matcher(place).matches(), "LieuNaissance");
        String prenom = prenoms.get(0);
        List<InsiPersona> out = new ArrayList<>();
        for (InsiPersona p : personas) {
            boolean firstName = prenom.equals(p.firstNames().get(0)) || prenom.equals(p.firstNamesList());
            boolean placeOk = place == null || place.equals(p.birthPlace().orElse(null));
            if (p.birthName().equals(name) && p.sex().equals(sex) && p.birthDate().equals(date) && firstName
                    && placeOk) {
                out.add(p);
            }
        }
        return out;
    }

    private List<InsiPersona> searchVitale(Element body) {
        String beneficiary = matricule(body, "MatriculeIndividu");
        String insured = matricule(body, "MatriculeOD");
        String name = text(body, REC_VIT, "NomNaissance");
        String date = text(body, REC_VIT, "DateNaissance");
        String rank = text(body, REC_VIT, "RangNaissance");
        format(insured != null || beneficiary != null, "MatriculeOD");
        format(date != null && DATE.matcher(date).matches(), "DateNaissance");
        List<InsiPersona> out = new ArrayList<>();
        for (InsiPersona p : personas) {
            boolean byBeneficiary = beneficiary != null && beneficiary.equals(p.activeIns().number());
            boolean byInsured = beneficiary == null && insured != null && insured.equals(p.insuredNumber().orElse(null))
                    && p.birthName().equals(name) && String.valueOf(p.birthRank()).equals(rank);
            if ((byBeneficiary || byInsured) && p.birthDate().equals(date)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String matricule(Element body, String name) {
        Element m = InboundSoap.child(body, REC_VIT, name);
        return m == null ? null : text(m, REC_VIT, "NumIdentifiant");
    }

    private static String resultat(List<InsiPersona> found) {
        StringBuilder sb = new StringBuilder("<RESULTAT xmlns=\"").append(RESULTAT).append("\"><CR>");
        if (found.isEmpty()) {
            sb.append("<CodeCR>01</CodeCR><LibelleCR>Aucune identite trouvee</LibelleCR></CR>");
        } else if (found.size() > 1) {
            sb.append("<CodeCR>02</CodeCR><LibelleCR>Plusieurs identites trouvees</LibelleCR></CR>");
        } else {
            InsiPersona p = found.get(0);
            sb.append("<CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR><INDIVIDU>");
            ins(sb, "INSACTIF", p.activeIns());
            for (InsiPersona.InsValue h : p.history()) {
                ins(sb, "INSHISTO", h);
            }
            sb.append("<TIQ>");
            element(sb, "NomNaissance", p.birthName());
            element(sb, "ListePrenom", p.firstNamesList());
            element(sb, "Sexe", p.sex());
            element(sb, "DateNaissance", p.birthDate());
            p.birthPlace().ifPresent(c -> element(sb, "LieuNaissance", c));
            sb.append("</TIQ></INDIVIDU>");
        }
        return sb.append("</RESULTAT>").toString();
    }

    private static void ins(StringBuilder sb, String name, InsiPersona.InsValue v) {
        sb.append('<').append(name).append("><IdIndividu>");
        element(sb, "NumIdentifiant", v.number());
        element(sb, "Cle", v.key());
        sb.append("</IdIndividu>");
        element(sb, "OID", v.oid());
        if (v.start() != null) {
            element(sb, "DateDeb", v.start());
        }
        if (v.end() != null) {
            element(sb, "DateFin", v.end());
        }
        sb.append("</").append(name).append('>');
    }

    private static void element(StringBuilder sb, String name, String text) {
        sb.append('<').append(name).append('>').append(SoapResponses.escape(text)).append("</").append(name)
                .append('>');
    }

    private static void expect(Element payload, String ns, String name) {
        if (!name.equals(payload.getLocalName()) || !ns.equals(payload.getNamespaceURI())) {
            throw new InsiFault("Sender", null, "SIMU_FORMAT", "the Body must hold " + name + " in " + ns
                    + " for this wsa:Action");
        }
    }

    private static void format(boolean ok, String field) {
        if (!ok) {
            throw new InsiFault("Sender", null, "SIMU_FORMAT", "Le format du champ " + field + " est incorrect");
        }
    }

    private static String text(Element parent, String ns, String name) {
        Element e = InboundSoap.child(parent, ns, name);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }

    private static List<String> texts(Element parent, String ns, String name) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e.getTextContent().trim());
            }
        }
        return out;
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    private static SimResponse fault(String code, String subcode, String detailCode, String reason, String relatesTo) {
        String detail = null;
        if (detailCode != null) {
            detail = "<siram:Erreur xmlns:siram=\"urn:siram\" code=\"" + SoapResponses.escape(detailCode) + "\""
                    + (relatesTo == null ? "" : " messageID=\"" + SoapResponses.escape(relatesTo) + "\"")
                    + " severite=\"erreur\">" + SoapResponses.escape(reason) + "</siram:Erreur>";
        }
        return SimResponse.of(500, SoapResponses.CONTENT_TYPE,
                SoapResponses.fault(code, subcode, reason, detail, relatesTo));
    }

    /** A check failed with an INSi fault. */
    private static final class InsiFault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final String subcode;
        private final String detailCode;

        InsiFault(String code, String subcode, String detailCode, String reason) {
            super(reason, null, false, false);
            this.code = code;
            this.subcode = subcode;
            this.detailCode = detailCode;
        }
    }

    /** Builds an {@link InsiSimulator}. */
    public static final class Builder {
        private final Set<String> authorisationNumbers = new LinkedHashSet<>();
        private boolean defaultPersonas = true;

        private Builder() {
        }

        /**
         * @param idam an INSi authorisation number the simulator accepts in {@code ContexteLPS/LPS/IDAM}
         * @return this builder
         */
        public Builder authorisationNumber(String idam) {
            authorisationNumbers.add(java.util.Objects.requireNonNull(idam, "idam"));
            return this;
        }

        /**
         * @param include whether to start with {@link InsiPersonas#all()} (on unless set)
         * @return this builder
         */
        public Builder defaultPersonas(boolean include) {
            this.defaultPersonas = include;
            return this;
        }

        /**
         * Creates the simulator and routes {@link #PATH} of the server to it. The server should ask for client
         * certificates ({@link io.segursdk.testkit.server.ClientAuth#WANT}) so both authentication modes work.
         *
         * @param server the server, started or not
         * @return the simulator
         */
        public InsiSimulator install(SimulatorServer server) {
            if (authorisationNumbers.isEmpty()) {
                throw new IllegalStateException("give at least one authorisation number the simulator accepts");
            }
            InsiSimulator sim = new InsiSimulator(this, java.util.Objects.requireNonNull(server, "server"));
            server.route(PATH, sim);
            return sim;
        }
    }
}
