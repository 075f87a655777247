package io.segursdk.dmp.internal;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpStatus;
import io.segursdk.dmp.DocumentStatus;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Visibility;
import io.segursdk.ins.IdentityTraits;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The DMP messages that are not built with IPF: HL7 v3 patient management (TD0.2, TD1.1), authorisation (TD0.3),
 * retrieval (ITI-43) and metadata updates (ITI-57, written on the registry's own copy of the entry so that no
 * metadata is lost). Stateless and thread-safe.
 */
public final class DmpMessages {

    /** HL7 v3. */
    public static final String HL7 = "urn:hl7-org:v3";
    /** Authorisations service. */
    public static final String HABILITATIONS = "urn:si-dmp-habilitations";
    /** IHE XDS.b. */
    public static final String XDSB = "urn:ihe:iti:xds-b:2007";
    /** ebRIM 3.0. */
    public static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    /** ebRS 3.0 registry response. */
    public static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    /** ebLCM 3.0. */
    public static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    /** XOP. */
    public static final String XOP = "http://www.w3.org/2004/08/xop/include";

    /** Actions. */
    public static final String ACTION_TD02 = "urn:hl7-org:v3:PRPA_IN201307UV02";
    /** @see #ACTION_TD02 */
    public static final String ACTION_TD11 = "urn:hl7-org:v3:PRPA_IN201311UV02";
    /** @see #ACTION_TD02 */
    public static final String ACTION_TD03 = "urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization";
    /** @see #ACTION_TD02 */
    public static final String ACTION_ITI41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    /** @see #ACTION_TD02 */
    public static final String ACTION_ITI18 = "urn:ihe:iti:2007:RegistryStoredQuery";
    /** @see #ACTION_TD02 */
    public static final String ACTION_ITI43 = "urn:ihe:iti:2007:RetrieveDocumentSet";
    /** @see #ACTION_TD02 */
    public static final String ACTION_ITI57 = "urn:ihe:iti:2010:UpdateDocumentSet";

    /** The DMP's device id, receiver of HL7 v3 messages. */
    static final String DMP_DEVICE = "1.2.250.1.213.4.1.1.1";
    static final String REASON_SYSTEM = "1.2.250.1.213.1.1.4.11";

    static final String CONFIDENTIALITY_SCHEME = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    static final String DE_UNIQUE_ID_SCHEME = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    static final String DE_AUTHOR_SCHEME = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
    static final String SS_AUTHOR_SCHEME = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
    static final String SS_CONTENT_TYPE_SCHEME = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
    static final String SS_PATIENT_ID_SCHEME = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
    static final String SS_SOURCE_ID_SCHEME = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
    static final String SS_UNIQUE_ID_SCHEME = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    static final String SS_NODE = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    static final String SS_OBJECT_TYPE = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage";
    static final String ASSOCIATION_OBJECT_TYPE =
            "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association";
    static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    static final String UPDATE_STATUS = "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus";

    private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private DmpMessages() {
    }

    // ------------------------------------------------------------------------------------------------ HL7 v3

    /**
     * @param patient  the patient
     * @param software the calling software
     * @return the TD0.2 request (PRPA_IN201307UV02, reason TEST_EXST)
     */
    public static Element testExistence(PatientId patient, SoftwareInfo software) {
        Element root = hl7Message("PRPA_IN201307UV02", software);
        Element cap = hl7(root, "controlActProcess");
        cap.setAttribute("classCode", "CACT");
        cap.setAttribute("moodCode", "EVN");
        reason(cap, "TEST_EXST", "Test d'existence de dossier");
        Element q = hl7(cap, "queryByParameter");
        Element qid = hl7(q, "queryId");
        qid.setAttribute("root", "1.2.250.1.213.4.1.1.1.99");
        qid.setAttribute("extension", UUID.randomUUID().toString());
        hl7(q, "statusCode").setAttribute("code", "new");
        Element params = hl7(q, "parameterList");
        Element pid = hl7(params, "patientIdentifier");
        Element value = hl7(pid, "value");
        value.setAttribute("root", patient.oid());
        value.setAttribute("extension", patient.matricule());
        hl7(pid, "semanticsText").setTextContent("Patient.id");
        return root;
    }

    /**
     * TD1.1. The body's shape follows TD0.2 and the HL7 v3 registration event; the DMP integrator guide (not public)
     * is to be checked for the exact traits required (UNVERIFIED).
     *
     * @param patient  the patient
     * @param traits   the patient's traits (from the qualified identity)
     * @param software the calling software
     * @return the TD1.1 request (PRPA_IN201311UV02, reason CREA_RD)
     */
    public static Element create(PatientId patient, IdentityTraits traits, SoftwareInfo software) {
        Element root = hl7Message("PRPA_IN201311UV02", software);
        Element cap = hl7(root, "controlActProcess");
        cap.setAttribute("classCode", "CACT");
        cap.setAttribute("moodCode", "EVN");
        reason(cap, "CREA_RD", "Création de dossier");
        Element subject = hl7(cap, "subject");
        subject.setAttribute("typeCode", "SUBJ");
        Element reg = hl7(subject, "registrationEvent");
        reg.setAttribute("classCode", "REG");
        reg.setAttribute("moodCode", "EVN");
        hl7(reg, "statusCode").setAttribute("code", "active");
        Element s1 = hl7(reg, "subject1");
        s1.setAttribute("typeCode", "SBJ");
        Element p = hl7(s1, "patient");
        p.setAttribute("classCode", "PAT");
        Element id = hl7(p, "id");
        id.setAttribute("root", patient.oid());
        id.setAttribute("extension", patient.matricule());
        hl7(p, "statusCode").setAttribute("code", "active");
        Element person = hl7(p, "patientPerson");
        person.setAttribute("classCode", "PSN");
        person.setAttribute("determinerCode", "INSTANCE");
        Element name = hl7(person, "name");
        hl7(name, "given").setTextContent(traits.firstBirthFirstName());
        Element family = hl7(name, "family");
        family.setAttribute("qualifier", "BR");
        family.setTextContent(traits.birthName());
        hl7(person, "administrativeGenderCode").setAttribute("code", switch (traits.sex()) {
            case M -> "M";
            case F -> "F";
            default -> "U";
        });
        hl7(person, "birthTime").setAttribute("value", traits.birthDate().value().replace("-", ""));
        return root;
    }

    /**
     * Reads a PRPA_IN201308UV02 (TD0.2) or PRPA_IN201312UV02 (TD1.1) answer.
     *
     * @param body      the payload
     * @param messageId the exchange's id, for errors
     * @return the status
     */
    public static DmpStatus parseStatus(Element body, String messageId) {
        String ack = attr(first(body, HL7, "acknowledgement"), "typeCode");
        if (ack != null && !"AA".equals(ack) && !"CA".equals(ack)) {
            Element detail = first(body, HL7, "acknowledgementDetail");
            Element code = detail == null ? null : first(detail, HL7, "code");
            String c = code == null ? ack : attr(code, "code");
            Element text = detail == null ? null : first(detail, HL7, "text");
            throw new ServiceFaultException("The DMP refused the request: " + c, "DMP", c, null, null, messageId,
                    text == null ? null : text.getTextContent(), false, null);
        }
        String authorisation = null;
        boolean mt = false;
        for (Element line : all(body, HL7, "attentionLine")) {
            Element kw = first(line, HL7, "keyWordText");
            Element value = first(line, HL7, "value");
            if (kw == null || value == null) {
                continue;
            }
            if ("AUTORISATION".equals(kw.getAttribute("code"))) {
                authorisation = value.getAttribute("code");
            } else if ("STATUT_MT".equals(kw.getAttribute("code"))) {
                mt = "true".equals(value.getAttribute("value"));
            }
        }
        Element queryResponse = first(body, HL7, "queryResponseCode");
        Element patient = first(body, HL7, "patient");
        DmpStatus.State state;
        if (patient == null || (queryResponse != null && "NF".equals(queryResponse.getAttribute("code")))) {
            state = DmpStatus.State.NOT_FOUND;
        } else {
            Element status = child(patient, HL7, "statusCode");
            state = status == null || "active".equals(status.getAttribute("code"))
                    ? DmpStatus.State.ACTIVE : DmpStatus.State.CLOSED;
        }
        DmpStatus.Authorisation a = authorisation == null ? DmpStatus.Authorisation.NONE : switch (authorisation) {
            case "VALIDE" -> DmpStatus.Authorisation.VALID;
            case "EXPIREE" -> DmpStatus.Authorisation.EXPIRED;
            case "INTERDITE" -> DmpStatus.Authorisation.BLOCKED;
            default -> DmpStatus.Authorisation.NONE;
        };
        return new DmpStatus(state, a, authorisation, mt, DmpAdminMessages.observations(body));
    }

    private static Element hl7Message(String interaction, SoftwareInfo software) {
        Document doc = SecureXml.instance().newDocument();
        Element root = doc.createElementNS(HL7, interaction);
        doc.appendChild(root);
        root.setAttribute("ITSVersion", "XML_1.0");
        Element id = hl7(root, "id");
        id.setAttribute("root", "1.2.250.1.213.4.1.1.1.98");
        id.setAttribute("extension", UUID.randomUUID().toString());
        hl7(root, "creationTime").setAttribute("value", HL7_TS.format(Instant.now()));
        Element iid = hl7(root, "interactionId");
        iid.setAttribute("root", "2.16.840.1.113883.1.6");
        iid.setAttribute("extension", interaction);
        hl7(root, "processingCode").setAttribute("code", "P");
        hl7(root, "processingModeCode").setAttribute("code", "T");
        hl7(root, "acceptAckCode").setAttribute("code", "AL");
        device(root, "receiver", "RCV", DMP_DEVICE, "DMP");
        device(root, "sender", "SND", software.installationId().toString(), software.productName());
        return root;
    }

    private static void device(Element root, String name, String typeCode, String id, String softwareName) {
        Element r = hl7(root, name);
        r.setAttribute("typeCode", typeCode);
        Element d = hl7(r, "device");
        d.setAttribute("classCode", "DEV");
        d.setAttribute("determinerCode", "INSTANCE");
        Element i = hl7(d, "id");
        if (id.matches("[0-9]+(\\.[0-9]+)*")) {
            i.setAttribute("root", id);
        } else {
            i.setAttribute("root", "2.25");
            i.setAttribute("extension", id);
        }
        hl7(d, "softwareName").setTextContent(softwareName);
    }

    private static void reason(Element cap, String code, String label) {
        Element r = hl7(cap, "reasonCode");
        r.setAttribute("code", code);
        r.setAttribute("codeSystem", REASON_SYSTEM);
        r.setAttribute("displayName", label);
    }

    private static Element hl7(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElementNS(HL7, name);
        parent.appendChild(e);
        return e;
    }

    // ------------------------------------------------------------------------------------------------ TD0.3

    /**
     * @param add {@code true} to declare the professional authorised ({@code AJOUT}), {@code false} to remove the
     *            authorisation ({@code SUPPRESSION})
     * @return the setAuthorization request; the patient travels in the VIHF only
     */
    public static Element setAuthorization(boolean add) {
        Document doc = SecureXml.instance().newDocument();
        Element root = doc.createElementNS(HABILITATIONS, "setAuthorization");
        doc.appendChild(root);
        Element action = doc.createElementNS(HABILITATIONS, "action");
        action.setTextContent(add ? "AJOUT" : "SUPPRESSION");
        root.appendChild(action);
        return root;
    }

    /**
     * @param body      the setAuthorizationResponse
     * @param messageId the exchange's id
     * @throws ServiceFaultException when the status is not {@code DMPOk}
     */
    public static void checkAuthorizationResponse(Element body, String messageId) {
        Element status = first(body, HABILITATIONS, "status");
        String s = status == null ? null : status.getTextContent().trim();
        if (!"DMPOk".equals(s)) {
            Element context = first(body, HABILITATIONS, "context");
            throw new ServiceFaultException("The DMP refused the authorisation change: " + s, "DMP", s, null, null,
                    messageId, context == null ? null : context.getTextContent(), false, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ ITI-43

    /**
     * @param repositoryUniqueId the repository
     * @param uniqueId           the document
     * @return the RetrieveDocumentSetRequest
     */
    public static Element retrieve(String repositoryUniqueId, String uniqueId) {
        Document doc = SecureXml.instance().newDocument();
        Element root = doc.createElementNS(XDSB, "xdsb:RetrieveDocumentSetRequest");
        doc.appendChild(root);
        Element req = add(root, XDSB, "xdsb:DocumentRequest");
        add(req, XDSB, "xdsb:RepositoryUniqueId").setTextContent(repositoryUniqueId);
        add(req, XDSB, "xdsb:DocumentUniqueId").setTextContent(uniqueId);
        return root;
    }

    /**
     * What a RetrieveDocumentSetResponse says about one document.
     *
     * @param mimeType the MIME type
     * @param href     the xop:Include href, or {@code null} when the content is inline
     * @param inline   the inline base64 element, or {@code null}
     */
    public record Retrieved(String mimeType, String href, Element inline) {
    }

    /**
     * @param body      the RetrieveDocumentSetResponse
     * @param uniqueId  the document asked for
     * @param parser    reads the embedded RegistryResponse's status
     * @param messageId the exchange's id
     * @return where the content is
     */
    public static Retrieved parseRetrieve(Element body, String uniqueId, RegistryResponseParser parser,
                                          String messageId) {
        Element rr = first(body, RS, "RegistryResponse");
        if (rr != null) {
            parser.parseRegistryResponse(rr, messageId);
        }
        for (Element dr : all(body, XDSB, "DocumentResponse")) {
            Element uid = child(dr, XDSB, "DocumentUniqueId");
            if (uid != null && uniqueId.equals(uid.getTextContent().trim())) {
                Element mime = child(dr, XDSB, "mimeType");
                Element document = child(dr, XDSB, "Document");
                if (document == null) {
                    break;
                }
                Element include = child(document, XOP, "Include");
                return new Retrieved(mime == null ? "application/octet-stream" : mime.getTextContent().trim(),
                        include == null ? null : include.getAttribute("href"), include == null ? document : null);
            }
        }
        throw new ServiceFaultException("The DMP repository returned no content for the document", "DMP",
                "XDSMissingDocument", null, null, messageId, null, false, null);
    }

    // ------------------------------------------------------------------------------------------------ ITI-57

    /** The submission set of a metadata update. */
    public record UpdateSet(String patientCx, String sourceId, String uniqueId, CodedValue contentType,
                            Instant submissionTime) {
    }

    /**
     * An ITI-57 changing the availability status of an entry (TD3.3c delete, TD3.3d archive / unarchive).
     *
     * @param set       the submission set
     * @param entry     the registry's ExtrinsicObject of the current entry (its author becomes the set's author)
     * @param from      the current status
     * @param to        the new status
     * @return the SubmitObjectsRequest
     */
    public static Element statusUpdate(UpdateSet set, Element entry, DocumentStatus from, DocumentStatus to) {
        Element root = submitObjects();
        Element list = child(root, RIM, "RegistryObjectList");
        submissionSet(list, set, entry);
        Element a = add(list, RIM, "rim:Association");
        a.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        a.setAttribute("objectType", ASSOCIATION_OBJECT_TYPE);
        a.setAttribute("associationType", UPDATE_STATUS);
        a.setAttribute("sourceObject", "SubmissionSet01");
        a.setAttribute("targetObject", entry.getAttribute("id"));
        slot(a, "OriginalStatus", from.urn());
        slot(a, "NewStatus", to.urn());
        return root;
    }

    /**
     * An ITI-57 submitting a new version of an entry's metadata with another visibility (TD3.3a, TD3.3b): a copy of
     * the registry's own ExtrinsicObject, its confidentiality codes replaced, linked to the set by a HasMember
     * association that names the previous version.
     *
     * @param set        the submission set
     * @param entry      the registry's ExtrinsicObject of the current entry
     * @param visibility the new visibility
     * @return the SubmitObjectsRequest
     */
    public static Element visibilityUpdate(UpdateSet set, Element entry, Visibility visibility) {
        Element root = submitObjects();
        Element list = child(root, RIM, "RegistryObjectList");
        submissionSet(list, set, entry);
        String oldId = entry.getAttribute("id");
        String lid = entry.getAttribute("lid").isEmpty() ? oldId : entry.getAttribute("lid");
        Element copy = (Element) root.getOwnerDocument().importNode(entry, true);
        list.appendChild(copy);
        copy.setAttribute("id", "Document01");
        copy.setAttribute("lid", lid);
        copy.setAttribute("status", DocumentStatus.APPROVED.urn());
        String previousVersion = "1";
        for (Element e : children(copy)) {
            if ("VersionInfo".equals(e.getLocalName())) {
                previousVersion = e.getAttribute("versionName").isEmpty() ? "1" : e.getAttribute("versionName");
                copy.removeChild(e);
            } else if ("Classification".equals(e.getLocalName())) {
                if (CONFIDENTIALITY_SCHEME.equals(e.getAttribute("classificationScheme"))) {
                    copy.removeChild(e);
                } else {
                    e.setAttribute("classifiedObject", "Document01");
                    e.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
                }
            } else if ("ExternalIdentifier".equals(e.getLocalName())) {
                e.setAttribute("registryObject", "Document01");
                e.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
            }
        }
        Element anchor = firstChildNamed(copy, "ExternalIdentifier");
        int n = 0;
        for (CodedValue c : visibility.confidentialityCodes()) {
            Element cl = copy.getOwnerDocument().createElementNS(RIM, "rim:Classification");
            cl.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
            cl.setAttribute("classificationScheme", CONFIDENTIALITY_SCHEME);
            cl.setAttribute("classifiedObject", "Document01");
            cl.setAttribute("nodeRepresentation", c.code());
            slot(cl, "codingScheme", c.codeSystem());
            name(cl, c.displayName() == null ? c.code() : c.displayName());
            copy.insertBefore(cl, anchor);
            n++;
        }
        Element version = copy.getOwnerDocument().createElementNS(RIM, "rim:VersionInfo");
        version.setAttribute("versionName", previousVersion);
        Element firstClassification = firstChildNamed(copy, "Classification");
        copy.insertBefore(version, firstClassification);
        Element a = add(list, RIM, "rim:Association");
        a.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        a.setAttribute("objectType", ASSOCIATION_OBJECT_TYPE);
        a.setAttribute("associationType", HAS_MEMBER);
        a.setAttribute("sourceObject", "SubmissionSet01");
        a.setAttribute("targetObject", "Document01");
        slot(a, "SubmissionSetStatus", "Original");
        slot(a, "PreviousVersion", previousVersion);
        return root;
    }

    private static Element submitObjects() {
        Document doc = SecureXml.instance().newDocument();
        Element root = doc.createElementNS(LCM, "lcm:SubmitObjectsRequest");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:rim", RIM);
        doc.appendChild(root);
        add(root, RIM, "rim:RegistryObjectList");
        return root;
    }

    private static void submissionSet(Element list, UpdateSet set, Element entry) {
        Element ss = add(list, RIM, "rim:RegistryPackage");
        ss.setAttribute("id", "SubmissionSet01");
        ss.setAttribute("objectType", SS_OBJECT_TYPE);
        slot(ss, "submissionTime", HL7_TS.format(set.submissionTime()));
        for (Element cl : children(entry)) {
            if ("Classification".equals(cl.getLocalName())
                    && DE_AUTHOR_SCHEME.equals(cl.getAttribute("classificationScheme"))) {
                Element author = (Element) list.getOwnerDocument().importNode(cl, true);
                author.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
                author.setAttribute("classificationScheme", SS_AUTHOR_SCHEME);
                author.setAttribute("classifiedObject", "SubmissionSet01");
                author.setAttribute("nodeRepresentation", "");
                ss.appendChild(author);
                break;
            }
        }
        Element ct = add(ss, RIM, "rim:Classification");
        ct.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        ct.setAttribute("classificationScheme", SS_CONTENT_TYPE_SCHEME);
        ct.setAttribute("classifiedObject", "SubmissionSet01");
        ct.setAttribute("nodeRepresentation", set.contentType().code());
        slot(ct, "codingScheme", set.contentType().codeSystem());
        name(ct, set.contentType().displayName() == null ? set.contentType().code() : set.contentType().displayName());
        external(ss, SS_PATIENT_ID_SCHEME, set.patientCx(), "XDSSubmissionSet.patientId");
        external(ss, SS_SOURCE_ID_SCHEME, set.sourceId(), "XDSSubmissionSet.sourceId");
        external(ss, SS_UNIQUE_ID_SCHEME, set.uniqueId(), "XDSSubmissionSet.uniqueId");
        Element node = add(list, RIM, "rim:Classification");
        node.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        node.setAttribute("classifiedObject", "SubmissionSet01");
        node.setAttribute("classificationNode", SS_NODE);
    }

    private static void external(Element parent, String scheme, String value, String label) {
        Element e = add(parent, RIM, "rim:ExternalIdentifier");
        e.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        e.setAttribute("identificationScheme", scheme);
        e.setAttribute("registryObject", parent.getAttribute("id"));
        e.setAttribute("value", value);
        name(e, label);
    }

    private static void slot(Element parent, String name, String value) {
        Element s = parent.getOwnerDocument().createElementNS(RIM, "rim:Slot");
        s.setAttribute("name", name);
        Element vl = add(s, RIM, "rim:ValueList");
        add(vl, RIM, "rim:Value").setTextContent(value);
        Node before = firstChildNamed(parent, "Name");
        if (before == null) {
            before = firstChildNamed(parent, "Classification");
        }
        parent.insertBefore(s, before);
    }

    private static void name(Element parent, String value) {
        Element n = add(parent, RIM, "rim:Name");
        Element ls = add(n, RIM, "rim:LocalizedString");
        ls.setAttribute("value", value);
    }

    // ------------------------------------------------------------------------------------------------ DOM

    /**
     * Finds the registry's ExtrinsicObject for an entry in an AdhocQueryResponse.
     *
     * @param queryResponse the response
     * @param entryUuid     the entry's id
     * @return the element, or {@code null}
     */
    public static Element extrinsicObject(Element queryResponse, String entryUuid) {
        for (Element e : all(queryResponse, RIM, "ExtrinsicObject")) {
            if (entryUuid.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    static Element add(Element parent, String ns, String qname) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qname);
        parent.appendChild(e);
        return e;
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
        for (Element e : children(parent)) {
            if (localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstChildNamed(Element parent, String localName) {
        for (Element e : children(parent)) {
            if (localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static Element first(Element root, String ns, String localName) {
        var list = root.getElementsByTagNameNS(ns, localName);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    static List<Element> all(Element root, String ns, String localName) {
        var list = root.getElementsByTagNameNS(ns, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static String attr(Element e, String name) {
        return e == null ? null : e.getAttribute(name);
    }
}
