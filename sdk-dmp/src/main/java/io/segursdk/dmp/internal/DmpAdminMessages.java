package io.segursdk.dmp.internal;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.AuthorisedDmp;
import io.segursdk.dmp.DmpAdministrativeData;
import io.segursdk.dmp.DmpStatus;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.ProfessionalAuthorisation;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The DMP's administrative transactions: TD0.4 (list of the DMPs the professional is authorised on, service
 * {@code patientsSpecific}), TD1.6 (list of authorised and blocked professionals, service {@code habilitations}),
 * TD1.3a (administrative data, HL7 v3 on {@code patients}), and the {@code administrativeObservation} flags of the
 * HL7 v3 answers. Stateless and thread-safe.
 */
public final class DmpAdminMessages {

    /** The patients-specific service's namespace. */
    public static final String PATIENTS = "urn:si-dmp-patients";
    /** TD0.4 action. */
    public static final String ACTION_TD04 = "urn:si-dmp-patients:PatientSpecificEndPoint:patientList";
    /** TD1.6 action. */
    public static final String ACTION_TD16 = "urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient";
    /** TD1.3a action (the HL7 v3 query of TD0.2, reason {@code CNSLT_DATA}). */
    public static final String ACTION_TD13A = DmpMessages.ACTION_TD02;

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private DmpAdminMessages() {
    }

    // ------------------------------------------------------------------------------------------------ TD0.4

    /**
     * @param since     the date the list starts from (the DMP's local time)
     * @param criterion which date filters the list
     * @return the patientList request; no patient in the VIHF
     */
    public static Element patientList(LocalDateTime since, AuthorisedDmp.Since criterion) {
        Document doc = SecureXml.instance().newDocument();
        Element root = doc.createElementNS(PATIENTS, "patientList");
        doc.appendChild(root);
        text(root, PATIENTS, "startDate", TS.format(since));
        text(root, PATIENTS, "dateType", criterion.code());
        return root;
    }

    /**
     * @param body      the patientListResponse
     * @param messageId the exchange's id, for errors
     * @return the DMPs
     */
    public static List<AuthorisedDmp> parsePatientList(Element body, String messageId) {
        checkStatus(body, PATIENTS, "The DMP refused the list of authorised DMPs: ", messageId);
        List<AuthorisedDmp> out = new ArrayList<>();
        for (Element data : DmpMessages.all(body, PATIENTS, "patientlistData")) {
            PatientId ins = null;
            List<String> others = new ArrayList<>();
            for (Element id : childrenNamed(data, PATIENTS, "patientIdentifier")) {
                String value = childText(id, PATIENTS, "nationalId");
                String type = childText(id, PATIENTS, "nationalIdType");
                PatientId candidate = ins == null ? ins(value, type) : null;
                if (candidate != null) {
                    ins = candidate;
                } else if (value != null) {
                    others.add(type + ":" + value);
                }
            }
            out.add(new AuthorisedDmp(ins, others, childText(data, PATIENTS, "lastName"),
                    childText(data, PATIENTS, "firstName"), childText(data, PATIENTS, "dateOfBirth"),
                    "true".equals(childText(data, PATIENTS, "MT")), "true".equals(childText(data, PATIENTS, "message")),
                    timestamp(childText(data, PATIENTS, "lastAccessDate")),
                    timestamp(childText(data, PATIENTS, "lastUpdateDate")),
                    timestamp(childText(data, PATIENTS, "lastAddDate"))));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ TD1.6

    /** @return the listAuthorizationByPatient request (mode {@code TOUTE}); the patient travels in the VIHF */
    public static Element listAuthorizations() {
        Document doc = SecureXml.instance().newDocument();
        Element root = doc.createElementNS(DmpMessages.HABILITATIONS, "listAuthorizationByPatient");
        doc.appendChild(root);
        text(root, DmpMessages.HABILITATIONS, "mode", "TOUTE");
        return root;
    }

    /**
     * @param body      the listAuthorizationByPatientResponse
     * @param messageId the exchange's id
     * @return the professionals
     */
    public static List<ProfessionalAuthorisation> parseAuthorizations(Element body, String messageId) {
        String ns = DmpMessages.HABILITATIONS;
        checkStatus(body, ns, "The DMP refused the list of professionals: ", messageId);
        List<ProfessionalAuthorisation> out = new ArrayList<>();
        for (Element e : DmpMessages.all(body, ns, "listOfAuthorizationByPatient")) {
            String mode = childText(e, ns, "mode");
            out.add(new ProfessionalAuthorisation(childText(e, ns, "nationalId"), childText(e, ns, "nationalIdType"),
                    childText(e, ns, "firstName"), childText(e, ns, "lastName"), childText(e, ns, "codeSpeciality"),
                    childText(e, ns, "libSpeciality"), timestamp(childText(e, ns, "startOfAuthorization")),
                    timestamp(childText(e, ns, "lastActionDate")), ProfessionalAuthorisation.State.of(mode), mode));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ TD1.3a

    /**
     * @param patient  the patient
     * @param software the calling software
     * @return the TD1.3a request: PRPA_IN201307UV02 with reason {@code CNSLT_DATA}
     */
    public static Element administrativeData(PatientId patient, SoftwareInfo software) {
        Element root = DmpMessages.testExistence(patient, software);
        Element reason = DmpMessages.first(root, DmpMessages.HL7, "reasonCode");
        reason.setAttribute("code", "CNSLT_DATA");
        reason.setAttribute("displayName", "Consultation des données de gestion de dossier");
        return root;
    }

    /**
     * @param body      the PRPA_IN201308UV02 answer
     * @param messageId the exchange's id
     * @return the data, or {@code null} when the patient has no DMP
     */
    public static DmpAdministrativeData parseAdministrativeData(Element body, String messageId) {
        DmpStatus status = DmpMessages.parseStatus(body, messageId);
        if (!status.exists()) {
            return null;
        }
        String hl7 = DmpMessages.HL7;
        Element patient = DmpMessages.first(body, hl7, "patient");
        PatientId ins = null;
        List<String> others = new ArrayList<>();
        for (Element id : childrenNamed(patient, hl7, "id")) {
            String root = id.getAttribute("root");
            String ext = id.getAttribute("extension");
            PatientId candidate = ins == null ? ins(ext, root) : null;
            if (candidate != null) {
                ins = candidate;
            } else {
                others.add(root + ":" + ext);
            }
        }
        Element person = DmpMessages.child(patient, hl7, "patientPerson");
        String prefix = null;
        String given = null;
        String family = null;
        String sex = null;
        String birth = null;
        Boolean deceased = null;
        Set<String> telecoms = new LinkedHashSet<>();
        List<String> address = new ArrayList<>();
        if (person != null) {
            Element name = DmpMessages.child(person, hl7, "name");
            if (name != null) {
                prefix = childText(name, hl7, "prefix");
                given = childText(name, hl7, "given");
                family = childText(name, hl7, "family");
            }
            for (Element t : childrenNamed(person, hl7, "telecom")) {
                if (!t.getAttribute("value").isEmpty()) {
                    telecoms.add(t.getAttribute("value"));
                }
            }
            Element gender = DmpMessages.child(person, hl7, "administrativeGenderCode");
            sex = gender == null ? null : gender.getAttribute("code");
            Element birthTime = DmpMessages.child(person, hl7, "birthTime");
            birth = birthTime == null ? null : birthTime.getAttribute("value");
            Element dec = DmpMessages.child(person, hl7, "deceasedInd");
            deceased = dec == null ? null : Boolean.valueOf("true".equals(dec.getAttribute("value")));
            Element addr = DmpMessages.child(person, hl7, "addr");
            if (addr != null) {
                for (Element line : DmpMessages.children(addr)) {
                    String v = line.getTextContent().trim();
                    if (!v.isEmpty()) {
                        address.add(v);
                    }
                }
            }
        }
        return new DmpAdministrativeData(ins, others, status.state(), prefix, given, family, sex, birth,
                List.copyOf(telecoms), address, deceased, observations(body));
    }

    // ------------------------------------------------------------------------------------------------ flags

    /**
     * @param body an HL7 v3 answer (TD0.2, TD1.1, TD1.3a)
     * @return the boolean {@code administrativeObservation} flags of its patient, by code
     */
    public static Map<String, Boolean> observations(Element body) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Element obs : DmpMessages.all(body, DmpMessages.HL7, "administrativeObservation")) {
            Element code = DmpMessages.child(obs, DmpMessages.HL7, "code");
            Element value = DmpMessages.child(obs, DmpMessages.HL7, "value");
            if (code != null && value != null && !code.getAttribute("code").isEmpty()
                    && !value.getAttribute("value").isEmpty()) {
                out.put(code.getAttribute("code"), "true".equals(value.getAttribute("value")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ DOM

    private static void checkStatus(Element body, String ns, String what, String messageId) {
        Element status = DmpMessages.first(body, ns, "status");
        String s = status == null ? null : status.getTextContent().trim();
        if (!"DMPOk".equals(s)) {
            Element context = DmpMessages.first(body, ns, "context");
            throw new ServiceFaultException(what + s, "DMP", s, null, null, messageId,
                    context == null ? null : context.getTextContent(), false, null);
        }
    }

    private static PatientId ins(String value, String oid) {
        if (value == null || !PatientId.isInsOid(oid)) {
            return null;
        }
        try {
            return PatientId.ofIns(value, oid);
        } catch (io.segursdk.core.error.InvalidRequestException e) {
            return null;
        }
    }

    static LocalDateTime timestamp(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 8) {
                return LocalDateTime.parse(v + "000000", TS);
            }
            return LocalDateTime.parse(v.length() > 14 ? v.substring(0, 14) : v, TS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void text(Element parent, String ns, String name, String value) {
        Element e = parent.getOwnerDocument().createElementNS(ns, name);
        e.setTextContent(value);
        parent.appendChild(e);
    }

    private static List<Element> childrenNamed(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Element e : DmpMessages.children(parent)) {
            if (localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String childText(Element parent, String ns, String localName) {
        Element e = DmpMessages.child(parent, ns, localName);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }
}
