package io.segursdk.testkit.dmp;

import io.segursdk.testkit.internal.MultipartSpooler;
import io.segursdk.testkit.internal.SafeDom;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SignedAssertionVerifier;
import io.segursdk.testkit.soap.SoapCheckException;
import io.segursdk.testkit.soap.SoapResponses;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A DMP for tests: the services {@code patients} (TD0.2, TD1.1), {@code habilitations} (TD0.3), {@code registry}
 * (ITI-18, ITI-57) and {@code repository} (ITI-41, ITI-43) under {@link #baseUri()}, over HTTPS with client
 * certificates from a {@link TestPki}, SOAP 1.2 with WS-Addressing, MTOM on the registry and repository.
 *
 * <pre>{@code
 * try (DmpSimulator dmp = DmpSimulator.start(pki)) {
 *     dmp.patient("279035121518989", "1.2.250.1.213.1.4.10").open().authorise("810001234567");
 *     // point the DMP client at dmp.baseUri(), trusting pki.rootCertificate()
 *     assertThat(dmp.patient(...).patientView()).containsExactly(uniqueId);
 * }
 * }</pre>
 *
 * <p>Every call's VIHF is verified: one signed SAML 2.0 assertion in {@code wsse:Security}, its signature valid and
 * its signer certified by the PKI (RSA-SHA1 accepted, as in the older ANS samples); the attributes
 * Identifiant_Structure, Secteur_Activite, subject:role (with a specialty for physicians and pharmacists), VIHF_Version,
 * Authentification_mode (either spelling), Ressource_URN {@code urn:dmp}, purposeofuse, LPS_Nom, LPS_Version and
 * LPS_ID_HOMOLOGATION_DMP present; in indirect modes, Identifiant_Structure equal to the signing certificate's OU;
 * the patient in the body equal to the VIHF's resource-id. A failure is a SOAP 1.2 fault {@code Sender} with the
 * subcode {@code DMPInvalidVihf} (or the verifier's {@code FailedCheck} / {@code InvalidSecurityToken}).
 *
 * <p>Access rules (from the DMP's functional rights matrix; the codes of the refusals are this simulator's
 * choice, the real ones are in the DMP integrator guide):
 * <ul>
 *   <li>feeding (ITI-41): the DMP must exist and be open; a professional in direct or reinforced indirect mode must be
 *       authorised and not blocked; a structure certificate (indirect) feeds without authorisation, the documents
 *       being imputed to the structure; documents fed during a minor's secret connection are hidden from the legal
 *       representatives;</li>
 *   <li>consulting (ITI-18 FindDocuments, ITI-43): refused in indirect mode; in normal mode the professional must be
 *       authorised; blocked professionals are refused; emergency modes (bris de glace, centre 15) need no
 *       authorisation but are refused when the patient opposed emergency access, and are recorded in
 *       {@link #accessLog()}; documents masked to professionals are returned to their author only. A structure may
 *       look up its own documents by id (GetDocuments), to delete them;</li>
 *   <li>metadata updates (ITI-57): masking, unmasking and making visible need direct authentication; only the author
 *       unmasks; deleting and archiving are limited to the author (direct) or the author's structure (indirect);
 *       an update naming an entryUUID or version that is no longer current is refused
 *       ({@code XDSMetadataVersionError}): each update gives the entry a new entryUUID.</li>
 * </ul>
 * Refusals are RegistryResponse failures with a RegistryErrorList ({@code DMPAccessDenied},
 * {@code DMPAccessDeniedByPatient}, {@code DMPAuthorizationError}, {@code DMPPatientNotFound}, {@code DMPClosed}, IHE
 * codes), or SOAP faults for the patient and authorisation services.
 *
 * <p>Document contents are kept in temporary files of a directory the simulator owns, deleted on {@link #close()}.
 * An MTOM part larger than {@value #SPOOL_THRESHOLD} bytes is written to that directory as it arrives (its size and
 * SHA-1 computed on the way) and a retrieved document is streamed from its file, so the simulator takes documents of
 * several gigabytes with a small heap. In {@link SimulatorServer#captured() the captured requests}, such a part's
 * content is replaced by a short placeholder; smaller parts are kept as received. Thread-safe.
 */
public final class DmpSimulator implements AutoCloseable {

    /** The base path of the services. */
    public static final String BASE_PATH = "/si-dmp-server/v2/services/";
    /** The repository's uniqueId. */
    public static final String REPOSITORY_ID = "1.2.250.1.213.4.1.1.1.2";
    /** The largest MTOM part held in memory, in bytes; larger parts go to the simulator's directory. */
    public static final int SPOOL_THRESHOLD = 64 * 1024;

    static final String HL7 = "urn:hl7-org:v3";
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    static final String XDSB = "urn:ihe:iti:xds-b:2007";
    static final String HAB = "urn:si-dmp-habilitations";
    static final String CONFIDENTIALITY = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    static final String DE_AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
    static final String DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    static final String DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    static final String CLASS_CODE = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    static final String TYPE_CODE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    static final String FORMAT_CODE = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    static final String SIGNATURE_CLASS = "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1";
    static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    static final String ARCHIVED = "urn:asip:ci-sis:2010:StatusType:Archived";
    static final String DELETED = "urn:asip:ci-sis:2010:StatusType:Deleted";
    static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

    private final TestPki pki;
    private final SimulatorServer server;
    private final SignedAssertionVerifier verifier;
    final Map<String, PatientRecord> patients = new LinkedHashMap<>();
    final List<DmpAccessRecord> accessLog = new CopyOnWriteArrayList<>();
    private final DmpAdminHandlers admin = new DmpAdminHandlers(this);
    private final List<DmpCaller> callers = new CopyOnWriteArrayList<>();
    private final Path storage;
    private final MultipartSpooler spooler;

    private DmpSimulator(TestPki pki) {
        this.pki = pki;
        this.verifier = SignedAssertionVerifier.forPki(pki).allowingSha1(true);
        try {
            this.storage = Files.createTempDirectory("dmp-simulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.spooler = new MultipartSpooler(storage, SPOOL_THRESHOLD);
        this.server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.REQUIRED).bodyReader(spooler).build()
                .start();
        server.route(BASE_PATH + "patients", r -> handle(r, "patients"));
        server.route(BASE_PATH + "habilitations", r -> handle(r, "habilitations"));
        server.route(BASE_PATH + "patientsSpecific", r -> handle(r, "patientsSpecific"));
        server.route(BASE_PATH + "registry", r -> handle(r, "registry"));
        server.route(BASE_PATH + "repository", r -> handle(r, "repository"));
    }

    /**
     * Starts a simulator on a free loopback port.
     *
     * @param pki the PKI whose certificates it trusts (TLS clients and VIHF signers)
     * @return the running simulator
     */
    public static DmpSimulator start(TestPki pki) {
        return new DmpSimulator(pki);
    }

    /** @return the services' base URI, for the DMP client's configuration */
    public URI baseUri() {
        return server.uri(BASE_PATH);
    }

    /** @return the underlying server (captured requests, fault injection) */
    public SimulatorServer server() {
        return server;
    }

    /** @return the PKI */
    public TestPki pki() {
        return pki;
    }

    /**
     * The state of a patient's DMP, created (without a DMP) on first use.
     *
     * @param matricule the INS matricule
     * @param oid       the INS OID
     * @return the patient's record
     */
    public synchronized PatientRecord patient(String matricule, String oid) {
        return patients.computeIfAbsent(cx(matricule, oid), k -> new PatientRecord(this, k));
    }

    /** @return the consultations recorded, emergency ones included */
    public List<DmpAccessRecord> accessLog() {
        return List.copyOf(accessLog);
    }

    /** @return the callers of every call whose VIHF was verified, in order */
    public List<DmpCaller> callers() {
        return List.copyOf(callers);
    }

    /** Stops the server and deletes the stored contents. */
    @Override
    public void close() {
        server.close();
        synchronized (this) {
            try (Stream<Path> files = Files.walk(storage)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException | UncheckedIOException ignored) {
                // best effort: temporary files left behind
            }
        }
    }

    static String cx(String matricule, String oid) {
        return matricule + "^^^&" + oid + "&ISO^NH";
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    /** A refusal sent as a RegistryResponse failure. */
    static final class RegistryFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        RegistryFailure(String code, String context) {
            super(context);
            this.code = code;
        }
    }

    private SimResponse handle(SimRequest http, String service) {
        String messageId = null;
        InboundSoap parsed = null;
        try {
            InboundSoap soap = InboundSoap.parse(http.contentType().orElse(null), http.body());
            parsed = soap;
            messageId = soap.messageId().orElse(null);
            if (!soap.isSoap12()) {
                throw new SoapCheckException("Sender", "VersionMismatch", "SOAP 1.2 attendu");
            }
            if (messageId == null) {
                throw new SoapCheckException("Sender", "InvalidAddressingHeader", "wsa:MessageID absent");
            }
            String action = soap.action().orElseThrow(() ->
                    new SoapCheckException("Sender", "InvalidAddressingHeader", "wsa:Action absent"));
            Element payload = soap.payload().orElseThrow(() ->
                    new SoapCheckException("Sender", "DMPBadRequest", "corps SOAP vide"));
            DmpCaller caller = verifyVihf(soap);
            callers.add(caller);
            synchronized (this) {
                return switch (service + " " + action) {
                    case "patients urn:hl7-org:v3:PRPA_IN201307UV02" -> testExistence(caller, payload, messageId);
                    case "patients urn:hl7-org:v3:PRPA_IN201311UV02" -> create(caller, payload, messageId);
                    case "habilitations urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization" ->
                            setAuthorization(caller, payload, messageId);
                    case "habilitations " + DmpAdminHandlers.ACTION_TD16 ->
                            admin.listAuthorizations(caller, messageId);
                    case "patientsSpecific " + DmpAdminHandlers.ACTION_TD04 ->
                            admin.patientList(caller, payload, messageId);
                    case "repository urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b" ->
                            registry(() -> provideAndRegister(caller, soap, payload), action, messageId);
                    case "registry urn:ihe:iti:2007:RegistryStoredQuery" -> query(caller, payload, action, messageId);
                    case "registry urn:ihe:iti:2010:UpdateDocumentSet" ->
                            registry(() -> update(caller, payload), action, messageId);
                    case "repository urn:ihe:iti:2007:RetrieveDocumentSet" -> retrieve(caller, payload, messageId);
                    default -> throw new SoapCheckException("Sender", "ActionNotSupported",
                            "action inconnue pour ce service");
                };
            }
        } catch (SoapCheckException e) {
            return SimResponse.of(500, SoapResponses.CONTENT_TYPE, SoapResponses.fault(e, messageId));
        } finally {
            if (parsed != null) {
                // the large parts of a refused request, or not referred to by a document
                parsed.attachments().values().forEach(spooler::discard);
            }
        }
    }

    private static SimResponse registry(Runnable work, String action, String messageId) {
        String payload;
        try {
            work.run();
            payload = registryResponse(SUCCESS, null, null);
        } catch (RegistryFailure f) {
            payload = registryResponse(FAILURE, f.code, f.getMessage());
        }
        return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope(action + "Response",
                null, payload));
    }

    static String registryResponse(String status, String code, String context) {
        StringBuilder sb = new StringBuilder("<rs:RegistryResponse xmlns:rs=\"" + RS + "\" status=\"" + status + "\">");
        if (code != null) {
            sb.append("<rs:RegistryErrorList><rs:RegistryError errorCode=\"").append(SoapResponses.escape(code))
                    .append("\" codeContext=\"").append(SoapResponses.escape(context)).append("\" severity=\"")
                    .append("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error\"/></rs:RegistryErrorList>");
        }
        return sb.append("</rs:RegistryResponse>").toString();
    }

    // ------------------------------------------------------------------------------------------------ VIHF

    private DmpCaller verifyVihf(InboundSoap soap) {
        Element security = soap.security().orElseThrow(() ->
                new SoapCheckException("Sender", "DMPInvalidVihf", "VIHF absent (wsse:Security)"));
        SignedAssertionVerifier.VerifiedAssertion va = verifier.verifyIn(security);
        Map<String, List<String>> at = va.attributes();
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Identifiant_Structure", "Secteur_Activite", "VIHF_Version", "Ressource_URN",
                "LPS_Nom", "LPS_Version", "LPS_ID_HOMOLOGATION_DMP")) {
            if (first(at, name) == null || first(at, name).isBlank()) {
                missing.add(name);
            }
        }
        String mode = first(at, "Authentification_mode") != null ? first(at, "Authentification_mode")
                : first(at, "Authentification_Mode");
        if (mode == null || !Set.of("DIRECTE", "INDIRECTE", "INDIRECTE_RENFORCEE").contains(mode)) {
            missing.add("Authentification_mode");
        }
        Element assertion = child(security, SAML, "Assertion");
        List<Element> roles = hl7Values(assertion, "urn:oasis:names:tc:xacml:2.0:subject:role", "Role");
        List<Element> purposes = hl7Values(assertion, "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse",
                "PurposeOfUse");
        if (roles.isEmpty()) {
            missing.add("subject:role");
        }
        if (purposes.isEmpty()) {
            missing.add("purposeofuse");
        }
        if (!missing.isEmpty()) {
            throw new SoapCheckException("Sender", "DMPInvalidVihf", "VIHF incomplet : " + missing);
        }
        if (!"urn:dmp".equals(first(at, "Ressource_URN"))) {
            throw new SoapCheckException("Sender", "DMPInvalidVihf", "Ressource_URN doit valoir urn:dmp");
        }
        String profession = roles.get(0).getAttribute("code");
        String specialty = roles.size() > 1 ? roles.get(1).getAttribute("code") : null;
        if (("10".equals(profession) || "21".equals(profession)) && specialty == null) {
            throw new SoapCheckException("Sender", "DMPInvalidVihf",
                    "Aucune spécialité dans le VIHF : spécialité obligatoire pour les médecins et pharmaciens");
        }
        String structure = first(at, "Identifiant_Structure");
        if (!"DIRECTE".equals(mode) && !structure.equals(ou(va.signer().getSubjectX500Principal().getName()))) {
            throw new SoapCheckException("Sender", "DMPInvalidVihf",
                    "Identifiant_Structure ne correspond pas au certificat de signature");
        }
        String purpose = purposes.get(0).getAttribute("code");
        if (!Set.of("normal", "bris_de_glace", "centre_15").contains(purpose)) {
            throw new SoapCheckException("Sender", "DMPInvalidVihf", "mode d'accès inconnu");
        }
        String confidentiality = first(at, "urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code");
        return new DmpCaller(va.nameId(), structure, mode, profession, specialty, purpose,
                first(at, "urn:oasis:names:tc:xacml:2.0:resource:resource-id"),
                confidentiality != null && confidentiality.startsWith("INVISIBLE_REPRESENTANTS_LEGAUX"),
                first(at, "VIHF_Version"), va.signatureAlgorithm(), first(at, "LPS_ID_HOMOLOGATION_DMP"));
    }

    private static String first(Map<String, List<String>> attributes, String name) {
        List<String> v = attributes.get(name);
        return v == null || v.isEmpty() ? null : v.get(0).trim();
    }

    private static List<Element> hl7Values(Element assertion, String attributeName, String localName) {
        List<Element> out = new ArrayList<>();
        var attributes = assertion.getElementsByTagNameNS(SAML, "Attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element a = (Element) attributes.item(i);
            if (attributeName.equals(a.getAttribute("Name"))) {
                var values = a.getElementsByTagNameNS(HL7, localName);
                for (int j = 0; j < values.getLength(); j++) {
                    out.add((Element) values.item(j));
                }
            }
        }
        return out;
    }

    private static String ou(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if ("OU".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException ignored) {
            // no OU
        }
        return null;
    }

    PatientRecord requirePatientOfVihf(DmpCaller caller, String bodyCx) {
        if (caller.patientCx() == null) {
            throw new SoapCheckException("Sender", "DMPInvalidVihf", "resource-id absent du VIHF");
        }
        if (bodyCx != null && !sameIns(bodyCx, caller.patientCx())) {
            throw new SoapCheckException("Sender", "DMPInvalidVihf", "le patient du VIHF diffère de la requête");
        }
        PatientRecord p = patients.get(normalCx(caller.patientCx()));
        if (p == null) {
            p = new PatientRecord(this, normalCx(caller.patientCx()));
            patients.put(p.cx, p);
        }
        return p;
    }

    static String normalCx(String cx) {
        String[] parts = cx.split("\\^", -1);
        String oid = parts.length > 3 ? parts[3].replace("&ISO", "").replace("&", "") : "";
        return cx(parts[0], oid);
    }

    static boolean sameIns(String a, String b) {
        return normalCx(a).equals(normalCx(b));
    }

    // ------------------------------------------------------------------------------------------------ TD0.x, TD1.1

    private SimResponse testExistence(DmpCaller caller, Element payload, String messageId) {
        Element value = firstDesc(payload, HL7, "patientIdentifier");
        Element v = value == null ? null : child(value, HL7, "value");
        if (v == null) {
            throw new SoapCheckException("Sender", "DMPBadRequest", "patientIdentifier absent");
        }
        PatientRecord p = requirePatientOfVihf(caller, cx(v.getAttribute("extension"), v.getAttribute("root")));
        Element reason = firstDesc(payload, HL7, "reasonCode");
        if (reason != null && "CNSLT_DATA".equals(reason.getAttribute("code"))) {
            return admin.administrativeData(caller, p, messageId);
        }
        return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope("urn:hl7-org:v3:PRPA_IN201308UV02",
                messageId, hl7Status("PRPA_IN201308UV02", "TEST_EXST", p, caller)));
    }

    private SimResponse create(DmpCaller caller, Element payload, String messageId) {
        Element patient = firstDesc(payload, HL7, "patient");
        Element id = patient == null ? null : child(patient, HL7, "id");
        Element person = patient == null ? null : child(patient, HL7, "patientPerson");
        if (id == null || person == null || firstDesc(person, HL7, "family") == null
                || firstDesc(person, HL7, "birthTime") == null || firstDesc(person, HL7, "administrativeGenderCode") == null) {
            throw new SoapCheckException("Sender", "DMPBadRequest", "identité du patient incomplète");
        }
        PatientRecord p = requirePatientOfVihf(caller, cx(id.getAttribute("extension"), id.getAttribute("root")));
        if (p.exists) {
            throw new SoapCheckException("Sender", "DMPAlreadyExist", "Le DMP existe déjà");
        }
        p.exists = true;
        p.closed = false;
        DmpAdminHandlers.storeIdentity(p, person);
        return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope("urn:hl7-org:v3:PRPA_IN201312UV02",
                messageId, hl7Status("PRPA_IN201312UV02", "CREA_RD", p, caller)));
    }

    static String hl7Status(String interaction, String reason, PatientRecord p, DmpCaller caller) {
        StringBuilder sb = new StringBuilder("<").append(interaction).append(" xmlns=\"").append(HL7)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ITSVersion=\"XML_1.0\">")
                .append("<id root=\"").append(UUID.randomUUID()).append("\"/>");
        String authorisation = p.blocked.contains(caller.nationalId()) ? "INTERDITE"
                : p.authorised.contains(caller.nationalId()) ? "VALIDE" : "NON_AUTORISE";
        sb.append("<attentionLine><keyWordText code=\"AUTORISATION\" codeSystem=\"1.2.250.1.213.4.1.2.6.1\"/>")
                .append("<value code=\"").append(authorisation)
                .append("\" codeSystem=\"1.2.250.1.213.4.1.2.6.2\" xsi:type=\"CV\"/></attentionLine>")
                .append("<attentionLine><keyWordText code=\"STATUT_MT\" codeSystem=\"1.2.250.1.213.4.1.2.6.3\"/>")
                .append("<value value=\"").append(caller.nationalId().equals(p.attendingPhysician))
                .append("\" xsi:type=\"BL\"/></attentionLine>")
                .append("<acknowledgement typeCode=\"AA\"/>")
                .append("<controlActProcess classCode=\"CACT\" moodCode=\"EVN\"><reasonCode code=\"").append(reason)
                .append("\" codeSystem=\"1.2.250.1.213.1.1.4.11\"/>");
        if (p.exists) {
            String[] parts = p.cx.split("\\^", -1);
            String oid = parts[3].replace("&ISO", "").replace("&", "");
            sb.append("<subject typeCode=\"SUBJ\"><registrationEvent classCode=\"REG\" moodCode=\"EVN\">")
                    .append("<statusCode code=\"completed\"/><subject1 typeCode=\"SBJ\"><patient classCode=\"PAT\">")
                    .append("<id root=\"").append(oid).append("\" extension=\"").append(parts[0]).append("\"/>")
                    .append("<statusCode code=\"").append(p.closed ? "terminated" : "active").append("\"/>")
                    .append(p.statusObservations())
                    .append("</patient></subject1></registrationEvent></subject>");
        }
        sb.append("<queryAck><queryResponseCode code=\"").append(p.exists ? "OK" : "NF")
                .append("\"/></queryAck></controlActProcess></").append(interaction).append(">");
        return sb.toString();
    }

    private SimResponse setAuthorization(DmpCaller caller, Element payload, String messageId) {
        Element action = child(payload, HAB, "action");
        PatientRecord p = requirePatientOfVihf(caller, null);
        if (!p.exists || p.closed) {
            throw new SoapCheckException("Sender", "DMPPatientNotFound", "DMP inexistant ou fermé");
        }
        String context;
        if (action != null && "AJOUT".equals(action.getTextContent().trim())) {
            if (p.blocked.contains(caller.nationalId())) {
                throw new SoapCheckException("Sender", "DMPAccessDeniedByPatient",
                        "Le patient a bloqué ce professionnel");
            }
            context = p.authorised.add(caller.nationalId()) ? "Autorisation ajoutée"
                    : "Autorisation déjà présente aucune action effectuée";
            if ("Autorisation ajoutée".equals(context)) {
                p.since.put(caller.nationalId(), Instant.now());
            }
        } else if (action != null && "SUPPRESSION".equals(action.getTextContent().trim())) {
            context = p.authorised.remove(caller.nationalId()) ? "Autorisation supprimée" : "Aucune autorisation";
        } else {
            throw new SoapCheckException("Sender", "DMPBadRequest", "action inconnue");
        }
        return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope(
                "urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorizationResponse", messageId,
                "<ns1:setAuthorizationResponse xmlns:ns1=\"" + HAB + "\"><ns1:output><ns1:status>DMPOk</ns1:status>"
                        + "<ns1:context>" + SoapResponses.escape(context) + "</ns1:context></ns1:output>"
                        + "</ns1:setAuthorizationResponse>"));
    }

    // ------------------------------------------------------------------------------------------------ ITI-41

    private void provideAndRegister(DmpCaller caller, InboundSoap soap, Element payload) {
        PatientRecord p = requireOpen(caller);
        if (!"INDIRECTE".equals(caller.mode())) {
            requireAuthorised(p, caller);
        }
        List<Element> entries = descendants(payload, RIM, "ExtrinsicObject");
        if (entries.isEmpty()) {
            throw new RegistryFailure("XDSRegistryMetadataError", "aucune fiche de document");
        }
        Map<String, Element> documents = new LinkedHashMap<>();
        for (Element d : descendants(payload, XDSB, "Document")) {
            documents.put(d.getAttribute("id"), d);
        }
        List<StoredDocument> added = new ArrayList<>();
        List<PatientRecord.SubmissionSignature> signatures = new ArrayList<>();
        Map<String, MultipartSpooler.Spooled> taken = new HashMap<>();
        for (Element eo : entries) {
            String patientId = externalId(eo, DE_PATIENT_ID);
            if (patientId == null || !sameIns(patientId, caller.patientCx())) {
                throw new RegistryFailure("XDSPatientIdDoesNotMatch", "patientId différent du VIHF");
            }
            String uniqueId = externalId(eo, DE_UNIQUE_ID);
            if (uniqueId == null) {
                throw new RegistryFailure("XDSRegistryMetadataError", "uniqueId absent");
            }
            for (PatientRecord other : patients.values()) {
                for (StoredDocument s : other.entries) {
                    if (s.uniqueId.equals(uniqueId)) {
                        throw new RegistryFailure("XDSNonIdenticalHash", "uniqueId déjà utilisé");
                    }
                }
            }
            Element document = documents.get(eo.getAttribute("id"));
            if (document == null) {
                throw new RegistryFailure("XDSMissingDocument", "document absent pour la fiche");
            }
            byte[] received = soap.binaryContent(document);
            String key = new String(received, StandardCharsets.ISO_8859_1);
            MultipartSpooler.Spooled spooled = taken.containsKey(key) ? taken.get(key)
                    : spooler.take(received).orElse(null);
            if (spooled != null) {
                taken.put(key, spooled);
            }
            if (SIGNATURE_CLASS.equals(code(eo, CLASS_CODE))) {
                // the submission-set signature: kept apart from the documents, linked by a signs association
                boolean signs = descendants(payload, RIM, "Association").stream().anyMatch(a ->
                        "urn:ihe:iti:2007:AssociationType:signs".equals(a.getAttribute("associationType"))
                                && eo.getAttribute("id").equals(a.getAttribute("sourceObject")));
                if (!signs) {
                    throw new RegistryFailure("XDSRegistryMetadataError", "signature sans association signs");
                }
                byte[] content;
                try {
                    content = spooled == null ? received : Files.readAllBytes(spooled.file());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                signatures.add(new PatientRecord.SubmissionSignature(uniqueId, code(eo, TYPE_CODE),
                        code(eo, FORMAT_CODE), confidentialityCodes(eo), content));
                continue;
            }
            StoredDocument s = new StoredDocument();
            s.entryUuid = "urn:uuid:" + UUID.randomUUID();
            s.lid = s.entryUuid;
            s.version = 1;
            s.status = APPROVED;
            s.uniqueId = uniqueId;
            s.mimeType = eo.getAttribute("mimeType");
            s.authorId = authorId(eo);
            s.submitterStructure = caller.structureId();
            s.submitterMode = caller.mode();
            s.metadata = detach(eo);
            if (caller.secretConnection()) {
                addConfidentiality(s.metadata, "INVISIBLE_REPRESENTANTS_LEGAUX");
            }
            try {
                if (spooled != null) {
                    s.content = spooled.file();
                    s.size = spooled.size();
                    s.hash = spooled.sha1();
                } else {
                    s.content = Files.createTempFile(storage, "doc", ".bin");
                    Files.write(s.content, received);
                    s.size = received.length;
                    s.hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(received));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            s.symbolicId = eo.getAttribute("id");
            added.add(s);
        }
        for (Element a : descendants(payload, RIM, "Association")) {
            if ("urn:ihe:iti:2007:AssociationType:RPLC".equals(a.getAttribute("associationType"))) {
                StoredDocument old = p.byEntryUuid(a.getAttribute("targetObject"));
                if (old == null || !APPROVED.equals(old.status)) {
                    throw new RegistryFailure("XDSUnresolvedReference",
                            "le document remplacé n'existe pas ou n'est pas la version courante");
                }
                old.status = DEPRECATED;
            }
        }
        p.entries.addAll(added);
        p.signatures.addAll(signatures);
    }

    private static void addConfidentiality(Element eo, String code) {
        Document doc = eo.getOwnerDocument();
        Element cl = doc.createElementNS(RIM, "rim:Classification");
        cl.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        cl.setAttribute("classificationScheme", CONFIDENTIALITY);
        cl.setAttribute("classifiedObject", eo.getAttribute("id"));
        cl.setAttribute("nodeRepresentation", code);
        Element slot = doc.createElementNS(RIM, "rim:Slot");
        slot.setAttribute("name", "codingScheme");
        Element vl = doc.createElementNS(RIM, "rim:ValueList");
        Element v = doc.createElementNS(RIM, "rim:Value");
        v.setTextContent("1.2.250.1.213.1.1.4.13");
        vl.appendChild(v);
        slot.appendChild(vl);
        cl.appendChild(slot);
        Element anchor = child(eo, RIM, "ExternalIdentifier");
        eo.insertBefore(cl, anchor);
    }

    // ------------------------------------------------------------------------------------------------ ITI-18

    private SimResponse query(DmpCaller caller, Element payload, String action, String messageId) {
        String result;
        try {
            Element adhoc = child(payload, RIM, "AdhocQuery");
            if (adhoc == null) {
                throw new RegistryFailure("XDSRegistryError", "AdhocQuery absent");
            }
            Map<String, List<String>> slots = slots(adhoc);
            String queryId = adhoc.getAttribute("id");
            List<StoredDocument> found = new ArrayList<>();
            PatientRecord p;
            if ("urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d".equals(queryId)) {
                if (!"DIRECTE".equals(caller.mode()) && !"INDIRECTE_RENFORCEE".equals(caller.mode())) {
                    throw new RegistryFailure("DMPAccessDenied",
                            "Une structure ne peut pas consulter le DMP (authentification indirecte)");
                }
                String patientId = unquote(slots.getOrDefault("$XDSDocumentEntryPatientId", List.of("")).get(0));
                if (!sameIns(patientId, caller.patientCx())) {
                    throw new RegistryFailure("XDSPatientIdDoesNotMatch", "patientId différent du VIHF");
                }
                p = requireConsultation(caller, "TD3.1");
                Set<String> statuses = listValues(slots.get("$XDSDocumentEntryStatus"));
                Set<String> classCodes = codes(slots.get("$XDSDocumentEntryClassCode"));
                Set<String> typeCodes = codes(slots.get("$XDSDocumentEntryTypeCode"));
                Set<String> authors = listValues(slots.get("$XDSDocumentEntryAuthorPerson"));
                for (StoredDocument s : p.entries) {
                    if (!statuses.contains(s.status)) {
                        continue;
                    }
                    if (!classCodes.isEmpty() && !classCodes.contains(code(s.metadata, CLASS_CODE))) {
                        continue;
                    }
                    if (!typeCodes.isEmpty() && !typeCodes.contains(code(s.metadata, TYPE_CODE))) {
                        continue;
                    }
                    if (!authors.isEmpty() && authors.stream().noneMatch(a -> a.startsWith(s.authorId + "^"))) {
                        continue;
                    }
                    if (visibleTo(s, caller)) {
                        found.add(s);
                    }
                }
            } else if ("urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4".equals(queryId)) {
                p = requirePatientOfVihf(caller, null);
                Set<String> uniqueIds = listValues(slots.get("$XDSDocumentEntryUniqueId"));
                Set<String> uuids = listValues(slots.get("$XDSDocumentEntryEntryUUID"));
                boolean structureLookup = "INDIRECTE".equals(caller.mode());
                if (!structureLookup) {
                    p = requireConsultation(caller, "TD3.1");
                }
                for (StoredDocument s : p.entries) {
                    boolean match = uniqueIds.contains(s.uniqueId) || uuids.contains(s.entryUuid);
                    if (!match || DEPRECATED.equals(s.status) && s.replacedByUpdate) {
                        continue;
                    }
                    if (structureLookup ? caller.structureId().equals(s.submitterStructure) : visibleTo(s, caller)) {
                        found.add(s);
                    }
                }
            } else {
                throw new RegistryFailure("XDSUnknownStoredQuery", "requête inconnue");
            }
            StringBuilder sb = new StringBuilder("<query:AdhocQueryResponse xmlns:query=\"")
                    .append("urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" status=\"").append(SUCCESS)
                    .append("\"><rim:RegistryObjectList xmlns:rim=\"").append(RIM).append("\">");
            for (StoredDocument s : found) {
                sb.append(SafeDom.toString(s.render()));
            }
            result = sb.append("</rim:RegistryObjectList></query:AdhocQueryResponse>").toString();
        } catch (RegistryFailure f) {
            result = "<query:AdhocQueryResponse xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" status=\""
                    + FAILURE + "\"><rs:RegistryErrorList xmlns:rs=\"" + RS + "\"><rs:RegistryError errorCode=\""
                    + SoapResponses.escape(f.code) + "\" codeContext=\"" + SoapResponses.escape(f.getMessage())
                    + "\" severity=\"urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error\"/>"
                    + "</rs:RegistryErrorList></query:AdhocQueryResponse>";
        }
        return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope(action + "Response",
                messageId, result));
    }

    private static boolean visibleTo(StoredDocument s, DmpCaller caller) {
        return !s.codes().contains("MASQUE_PS") || caller.nationalId().equals(s.authorId);
    }

    // ------------------------------------------------------------------------------------------------ ITI-43

    private SimResponse retrieve(DmpCaller caller, Element payload, String messageId) {
        String uniqueId = null;
        Element request = firstDesc(payload, XDSB, "DocumentRequest");
        if (request != null && child(request, XDSB, "DocumentUniqueId") != null) {
            uniqueId = child(request, XDSB, "DocumentUniqueId").getTextContent().trim();
        }
        StoredDocument found = null;
        String failure = null;
        String failureCode = null;
        try {
            if (!"DIRECTE".equals(caller.mode()) && !"INDIRECTE_RENFORCEE".equals(caller.mode())) {
                throw new RegistryFailure("DMPAccessDenied",
                        "Une structure ne peut pas consulter le DMP (authentification indirecte)");
            }
            PatientRecord p = requireConsultation(caller, "TD3.2");
            for (StoredDocument s : p.entries) {
                if (s.uniqueId.equals(uniqueId) && !(DEPRECATED.equals(s.status) && s.replacedByUpdate)) {
                    found = s;
                }
            }
            if (found == null || !visibleTo(found, caller)) {
                throw new RegistryFailure("XDSDocumentUniqueIdError", "document inconnu");
            }
        } catch (RegistryFailure f) {
            failure = f.getMessage();
            failureCode = f.code;
        }
        String boundary = "uuid:" + UUID.randomUUID();
        String rootCid = "root.message@dmp.simulator";
        String docCid = UUID.randomUUID() + "@dmp.simulator";
        StringBuilder xml = new StringBuilder("<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"").append(XDSB)
                .append("\">");
        if (failure != null) {
            xml.append(registryResponse(FAILURE, failureCode, failure));
        } else {
            xml.append(registryResponse(SUCCESS, null, null)).append("<xdsb:DocumentResponse>")
                    .append("<xdsb:RepositoryUniqueId>").append(REPOSITORY_ID).append("</xdsb:RepositoryUniqueId>")
                    .append("<xdsb:DocumentUniqueId>").append(SoapResponses.escape(found.uniqueId))
                    .append("</xdsb:DocumentUniqueId><xdsb:mimeType>").append(SoapResponses.escape(found.mimeType))
                    .append("</xdsb:mimeType><xdsb:Document><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:")
                    .append(docCid).append("\"/></xdsb:Document></xdsb:DocumentResponse>");
        }
        xml.append("</xdsb:RetrieveDocumentSetResponse>");
        byte[] envelope = SoapResponses.envelope("urn:ihe:iti:2007:RetrieveDocumentSetResponse", messageId,
                xml.toString());
        Path content = found == null ? null : found.content;
        String mime = found == null ? null : found.mimeType;
        String contentType = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                + "\"; start=\"<" + rootCid + ">\"; start-info=\"application/soap+xml\"";
        return SimResponse.builder().status(200).header("Content-Type", contentType).body(out -> {
            write(out, "--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; "
                    + "type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + rootCid
                    + ">\r\n\r\n");
            out.write(envelope);
            if (content != null) {
                write(out, "\r\n--" + boundary + "\r\nContent-Type: " + mime
                        + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + docCid + ">\r\n\r\n");
                Files.copy(content, out);
            }
            write(out, "\r\n--" + boundary + "--\r\n");
        }).build();
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ ITI-57

    private void update(DmpCaller caller, Element payload) {
        PatientRecord p = requireOpen(caller);
        boolean any = false;
        for (Element a : descendants(payload, RIM, "Association")) {
            if ("urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus".equals(a.getAttribute("associationType"))) {
                any = true;
                Map<String, List<String>> slots = slots(a);
                StoredDocument s = p.byEntryUuid(a.getAttribute("targetObject"));
                if (s == null || (DEPRECATED.equals(s.status) && s.replacedByUpdate)) {
                    throw new RegistryFailure("XDSMetadataVersionError",
                            "entryUUID inconnu ou qui n'est plus la version courante");
                }
                String from = slots.getOrDefault("OriginalStatus", List.of("")).get(0);
                String to = slots.getOrDefault("NewStatus", List.of("")).get(0);
                if (!from.equals(s.status)) {
                    throw new RegistryFailure("XDSMetadataUpdateError", "statut d'origine erroné");
                }
                boolean own = caller.direct() ? caller.nationalId().equals(s.authorId)
                        : caller.structureId().equals(s.submitterStructure);
                if (!own) {
                    throw new RegistryFailure("DMPAccessDenied",
                            "Seul l'auteur (ou sa structure) peut supprimer ou archiver ce document");
                }
                if (!Set.of(APPROVED, ARCHIVED, DELETED).contains(to)) {
                    throw new RegistryFailure("XDSMetadataUpdateError", "nouveau statut inconnu");
                }
                s.status = to;
            }
        }
        for (Element eo : descendants(payload, RIM, "ExtrinsicObject")) {
            any = true;
            if (!caller.direct()) {
                throw new RegistryFailure("DMPAccessDenied",
                        "La modification de la visibilité nécessite une authentification directe");
            }
            StoredDocument current = null;
            for (StoredDocument s : p.entries) {
                if (s.lid.equals(eo.getAttribute("lid")) && !(DEPRECATED.equals(s.status) && s.replacedByUpdate)) {
                    current = s;
                }
            }
            if (current == null) {
                throw new RegistryFailure("XDSMetadataVersionError", "lid inconnu");
            }
            String previous = null;
            for (Element a : descendants(payload, RIM, "Association")) {
                if (a.getAttribute("targetObject").equals(eo.getAttribute("id"))) {
                    previous = slots(a).getOrDefault("PreviousVersion", List.of("")).get(0);
                }
            }
            if (!String.valueOf(current.version).equals(previous)) {
                throw new RegistryFailure("XDSMetadataVersionError", "PreviousVersion n'est pas la version courante");
            }
            Set<String> before = current.codes();
            Set<String> after = confidentialityCodes(eo);
            if (before.contains("MASQUE_PS") && !after.contains("MASQUE_PS")
                    && !caller.nationalId().equals(current.authorId)) {
                throw new RegistryFailure("DMPAccessDenied", "Seul l'auteur peut démasquer ce document");
            }
            StoredDocument next = current.copy();
            next.entryUuid = "urn:uuid:" + UUID.randomUUID();
            next.version = current.version + 1;
            next.status = current.status;
            next.metadata = detach(eo);
            current.status = DEPRECATED;
            current.replacedByUpdate = true;
            p.entries.add(next);
        }
        if (!any) {
            throw new RegistryFailure("XDSMetadataUpdateError", "aucune mise à jour");
        }
    }

    // ------------------------------------------------------------------------------------------------ rules

    private PatientRecord requireOpen(DmpCaller caller) {
        PatientRecord p = requirePatientOfVihf(caller, null);
        if (!p.exists) {
            throw new RegistryFailure("DMPPatientNotFound", "Le patient n'a pas de DMP");
        }
        if (p.closed) {
            throw new RegistryFailure("DMPClosed", "Le DMP du patient est fermé");
        }
        return p;
    }

    private static void requireAuthorised(PatientRecord p, DmpCaller caller) {
        if (p.blocked.contains(caller.nationalId())) {
            throw new RegistryFailure("DMPAccessDeniedByPatient", "Le patient a bloqué ce professionnel");
        }
        if (!p.authorised.contains(caller.nationalId()) && !caller.emergency()) {
            throw new RegistryFailure("DMPAuthorizationError", "Le professionnel n'est pas autorisé sur ce DMP");
        }
    }

    private PatientRecord requireConsultation(DmpCaller caller, String transaction) {
        PatientRecord p = requireOpen(caller);
        requireAuthorised(p, caller);
        if (caller.emergency() && !p.authorised.contains(caller.nationalId()) && p.opposedToEmergencyAccess) {
            throw new RegistryFailure("DMPAccessDeniedByPatient",
                    "Le patient s'est opposé à l'accès en mode urgence");
        }
        accessLog.add(new DmpAccessRecord(Instant.now(), caller.nationalId(), p.cx, caller.purposeOfUse(),
                transaction));
        return p;
    }

    // ------------------------------------------------------------------------------------------------ DOM

    static Element detach(Element e) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().newDocument();
            Element copy = (Element) doc.importNode(e, true);
            doc.appendChild(copy);
            doc.normalizeDocument();
            return doc.getDocumentElement();
        } catch (ParserConfigurationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String externalId(Element eo, String scheme) {
        for (Element e : children(eo)) {
            if ("ExternalIdentifier".equals(e.getLocalName()) && scheme.equals(e.getAttribute("identificationScheme"))) {
                return e.getAttribute("value");
            }
        }
        return null;
    }

    static String authorId(Element eo) {
        for (Element cl : children(eo)) {
            if ("Classification".equals(cl.getLocalName()) && DE_AUTHOR.equals(cl.getAttribute("classificationScheme"))) {
                List<String> person = slots(cl).get("authorPerson");
                if (person != null && !person.isEmpty()) {
                    return person.get(0).split("\\^", -1)[0];
                }
            }
        }
        return "";
    }

    static String code(Element eo, String scheme) {
        for (Element cl : children(eo)) {
            if ("Classification".equals(cl.getLocalName()) && scheme.equals(cl.getAttribute("classificationScheme"))) {
                return cl.getAttribute("nodeRepresentation");
            }
        }
        return null;
    }

    static Set<String> confidentialityCodes(Element eo) {
        Set<String> out = new HashSet<>();
        for (Element cl : children(eo)) {
            if ("Classification".equals(cl.getLocalName())
                    && CONFIDENTIALITY.equals(cl.getAttribute("classificationScheme"))) {
                out.add(cl.getAttribute("nodeRepresentation"));
            }
        }
        return out;
    }

    static Map<String, List<String>> slots(Element parent) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element s : children(parent)) {
            if ("Slot".equals(s.getLocalName())) {
                List<String> values = new ArrayList<>();
                for (Element v : descendants(s, RIM, "Value")) {
                    values.add(v.getTextContent().trim());
                }
                out.computeIfAbsent(s.getAttribute("name"), k -> new ArrayList<>()).addAll(values);
            }
        }
        return out;
    }

    /** Values of a multi-valued query slot: {@code ('a','b')} or several {@code 'a'} values. */
    static Set<String> listValues(List<String> values) {
        Set<String> out = new HashSet<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            String s = v.trim();
            if (s.startsWith("(") && s.endsWith(")")) {
                s = s.substring(1, s.length() - 1);
            }
            for (String part : s.split(",")) {
                String u = unquote(part.trim());
                if (!u.isEmpty()) {
                    out.add(u);
                }
            }
        }
        return out;
    }

    /** Codes of a coded query slot ({@code 'code^^system'}), codes only. */
    static Set<String> codes(List<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : listValues(values)) {
            out.add(v.split("\\^", -1)[0]);
        }
        return out;
    }

    static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("'") && t.endsWith("'") ? t.substring(1, t.length() - 1) : t;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static Element child(Element parent, String ns, String localName) {
        return InboundSoap.child(parent, ns, localName);
    }

    static Element firstDesc(Element root, String ns, String localName) {
        var l = root.getElementsByTagNameNS(ns, localName);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    static List<Element> descendants(Element root, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        var l = root.getElementsByTagNameNS(ns, localName);
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }
}
