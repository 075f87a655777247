package io.segursdk.testkit.dmp;

import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.soap.SoapCheckException;
import io.segursdk.testkit.soap.SoapResponses;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.w3c.dom.Element;

/**
 * The simulator's administrative transactions: TD0.4 (list of the DMPs the professional is authorised on, service
 * {@code patientsSpecific}), TD1.6 (list of authorised and blocked professionals, service {@code habilitations}) and
 * TD1.3a (administrative data, on {@code patients}), with the rights of PDT-INF-526: TD0.4 for every professional
 * (a structure certificate gets the new authorisations only); TD1.6 in direct authentication and normal access, by a
 * professional authorised on the DMP; TD1.3a for all, blocked professionals excepted. Dates are the DMP's local time
 * (Europe/Paris). Called under the simulator's lock.
 */
final class DmpAdminHandlers {

    static final String PATIENTS = "urn:si-dmp-patients";
    static final String ACTION_TD04 = "urn:si-dmp-patients:PatientSpecificEndPoint:patientList";
    static final String ACTION_TD16 = "urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient";
    static final String RPPS_ID_TYPE = "1.2.250.1.71.4.2.1";
    static final ZoneId DMP_ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final DmpSimulator simulator;

    DmpAdminHandlers(DmpSimulator simulator) {
        this.simulator = simulator;
    }

    // ------------------------------------------------------------------------------------------------ TD0.4

    SimResponse patientList(DmpCaller caller, Element payload, String messageId) {
        Element start = DmpSimulator.child(payload, PATIENTS, "startDate");
        Element type = DmpSimulator.child(payload, PATIENTS, "dateType");
        String dateType = type == null ? "" : type.getTextContent().trim();
        if (start == null || !("LASTDOC".equals(dateType) || "LASTAUTORIZATION".equals(dateType))) {
            throw new SoapCheckException("Sender", "DMPBadRequest", "startDate ou dateType absent ou inconnu");
        }
        Instant from;
        try {
            from = LocalDateTime.parse(start.getTextContent().trim(), TS).atZone(DMP_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new SoapCheckException("Sender", "DMPBadRequest", "startDate invalide (AAAAMMJJHHMMSS)");
        }
        if (!caller.direct() && !"LASTAUTORIZATION".equals(dateType)) {
            throw new SoapCheckException("Sender", "DMPAccessDenied",
                    "En authentification indirecte, seules les nouvelles autorisations sont listées");
        }
        StringBuilder sb = new StringBuilder("<ns1:patientListResponse xmlns:ns1=\"" + PATIENTS + "\"><ns1:output>");
        for (PatientRecord p : simulator.patients.values()) {
            if (!p.exists || p.closed || !p.authorised.contains(caller.nationalId())) {
                continue;
            }
            Instant lastAdd = null;
            Instant lastUpdate = null;
            for (StoredDocument d : p.entries) {
                lastUpdate = max(lastUpdate, d.stored);
                if (d.version == 1) {
                    lastAdd = max(lastAdd, d.stored);
                }
            }
            Instant authorisedAt = p.since.get(caller.nationalId());
            Instant date = "LASTDOC".equals(dateType) ? lastAdd : authorisedAt;
            if (date == null || date.isBefore(from)) {
                continue;
            }
            Instant lastAccess = null;
            for (DmpAccessRecord a : simulator.accessLog) {
                if (a.nationalId().equals(caller.nationalId()) && a.patientCx().equals(p.cx)) {
                    lastAccess = max(lastAccess, a.at());
                }
            }
            String[] parts = p.cx.split("\\^", -1);
            String oid = parts[3].replace("&ISO", "").replace("&", "");
            sb.append("<ns1:patientlistData><ns1:patientIdentifier><ns1:nationalId>").append(esc(parts[0]))
                    .append("</ns1:nationalId><ns1:nationalIdType>").append(esc(oid))
                    .append("</ns1:nationalIdType></ns1:patientIdentifier>")
                    .append("<ns1:lastName>").append(esc(p.familyName)).append("</ns1:lastName>")
                    .append("<ns1:firstName>").append(esc(p.givenName)).append("</ns1:firstName>")
                    .append("<ns1:dateOfBirth>").append(esc(p.birthDate)).append("</ns1:dateOfBirth>")
                    .append("<ns1:MT>").append(caller.nationalId().equals(p.attendingPhysician)).append("</ns1:MT>")
                    .append("<ns1:message>false</ns1:message>");
            date(sb, "lastAccessDate", lastAccess);
            date(sb, "lastUpdateDate", lastUpdate);
            date(sb, "lastAddDate", lastAdd);
            sb.append("</ns1:patientlistData>");
        }
        sb.append("<ns1:status>DMPOk</ns1:status></ns1:output></ns1:patientListResponse>");
        return ok(ACTION_TD04 + "Response", messageId, sb.toString());
    }

    // ------------------------------------------------------------------------------------------------ TD1.6

    SimResponse listAuthorizations(DmpCaller caller, String messageId) {
        PatientRecord p = simulator.requirePatientOfVihf(caller, null);
        if (!p.exists || p.closed) {
            throw new SoapCheckException("Sender", "DMPPatientNotFound", "DMP inexistant ou fermé");
        }
        if (!caller.direct() || caller.emergency()) {
            throw new SoapCheckException("Sender", "DMPAccessDenied",
                    "Liste des PS autorisés : authentification directe et mode d'accès normal seulement");
        }
        if (p.blocked.contains(caller.nationalId())) {
            throw new SoapCheckException("Sender", "DMPAccessDeniedByPatient", "Le patient a bloqué ce professionnel");
        }
        if (!p.authorised.contains(caller.nationalId())) {
            throw new SoapCheckException("Sender", "DMPAuthorizationError",
                    "Le professionnel n'est pas autorisé sur ce DMP");
        }
        StringBuilder sb = new StringBuilder("<ns1:listAuthorizationByPatientResponse xmlns:ns1=\"")
                .append(DmpSimulator.HAB).append("\"><ns1:output>");
        List<String> ids = new ArrayList<>(p.authorised);
        ids.sort(null);
        List<String> blocked = new ArrayList<>(p.blocked);
        blocked.sort(null);
        for (String id : ids) {
            professional(sb, p, id, "ACTIVE");
        }
        for (String id : blocked) {
            professional(sb, p, id, "BLOQUE");
        }
        sb.append("<ns1:status>DMPOk</ns1:status><ns1:context/></ns1:output>")
                .append("</ns1:listAuthorizationByPatientResponse>");
        return ok(ACTION_TD16 + "Response", messageId, sb.toString());
    }

    private void professional(StringBuilder sb, PatientRecord p, String nationalId, String mode) {
        DmpCaller seen = null;
        for (DmpCaller c : simulator.callers()) {
            if (c.nationalId().equals(nationalId)) {
                seen = c;
            }
        }
        sb.append("<ns1:listOfAuthorizationByPatient><ns1:nationalId>").append(esc(nationalId))
                .append("</ns1:nationalId><ns1:nationalIdType>").append(RPPS_ID_TYPE).append("</ns1:nationalIdType>");
        if (seen != null) {
            String code = "G15_" + seen.professionCode() + (seen.specialtyCode() == null ? "" : "/"
                    + seen.specialtyCode());
            sb.append("<ns1:codeSpeciality>").append(esc(code)).append("</ns1:codeSpeciality>");
        }
        date(sb, "startOfAuthorization", p.since.get(nationalId));
        sb.append("<ns1:mode>").append(mode).append("</ns1:mode></ns1:listOfAuthorizationByPatient>");
    }

    // ------------------------------------------------------------------------------------------------ TD1.3a

    SimResponse administrativeData(DmpCaller caller, PatientRecord p, String messageId) {
        if (p.blocked.contains(caller.nationalId())) {
            throw new SoapCheckException("Sender", "DMPAccessDeniedByPatient", "Le patient a bloqué ce professionnel");
        }
        String action = "urn:hl7-org:v3:PRPA_IN201308UV02";
        if (!p.exists) {
            return ok(action, messageId, DmpSimulator.hl7Status("PRPA_IN201308UV02", "CNSLT_DATA", p, caller));
        }
        String[] parts = p.cx.split("\\^", -1);
        String oid = parts[3].replace("&ISO", "").replace("&", "");
        StringBuilder sb = new StringBuilder("<PRPA_IN201308UV02 xmlns=\"").append(DmpSimulator.HL7)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ITSVersion=\"XML_1.0\">")
                .append("<id root=\"").append(UUID.randomUUID()).append("\"/>")
                .append("<acknowledgement typeCode=\"AA\"/>")
                .append("<controlActProcess classCode=\"CACT\" moodCode=\"EVN\"><reasonCode code=\"CNSLT_DATA\" ")
                .append("codeSystem=\"1.2.250.1.213.1.1.4.11\"/><subject typeCode=\"SUBJ\">")
                .append("<registrationEvent classCode=\"REG\" moodCode=\"EVN\"><statusCode code=\"completed\"/>")
                .append("<subject1 typeCode=\"SBJ\"><patient classCode=\"PAT\">")
                .append("<id root=\"1.2.250.1.213.1.4.2\" extension=\"")
                .append(Math.abs((long) p.cx.hashCode())).append("\"/>")
                .append("<id root=\"").append(esc(oid)).append("\" extension=\"").append(esc(parts[0])).append("\"/>")
                .append("<statusCode code=\"").append(p.closed ? "terminated" : "active").append("\"/>")
                .append("<patientPerson classCode=\"PSN\" determinerCode=\"INSTANCE\"><name><given>")
                .append(esc(p.givenName)).append("</given><family qualifier=\"SP\">").append(esc(p.familyName))
                .append("</family></name><administrativeGenderCode code=\"").append(esc(p.sex))
                .append("\"/><birthTime value=\"").append(esc(p.birthDate)).append("\"/>")
                .append("<deceasedInd value=\"false\"/></patientPerson>")
                .append(p.oppositionObservations())
                .append("</patient></subject1></registrationEvent></subject>")
                .append("<queryAck><queryResponseCode code=\"OK\"/></queryAck></controlActProcess>")
                .append("</PRPA_IN201308UV02>");
        return ok(action, messageId, sb.toString());
    }

    /** Keeps the identity sent with TD1.1. */
    static void storeIdentity(PatientRecord p, Element person) {
        Element given = DmpSimulator.firstDesc(person, DmpSimulator.HL7, "given");
        Element family = DmpSimulator.firstDesc(person, DmpSimulator.HL7, "family");
        Element gender = DmpSimulator.firstDesc(person, DmpSimulator.HL7, "administrativeGenderCode");
        Element birth = DmpSimulator.firstDesc(person, DmpSimulator.HL7, "birthTime");
        p.givenName = given == null ? "" : given.getTextContent().trim();
        p.familyName = family == null ? "" : family.getTextContent().trim();
        p.sex = gender == null ? "U" : gender.getAttribute("code");
        p.birthDate = birth == null ? "" : birth.getAttribute("value");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static SimResponse ok(String action, String messageId, String payload) {
        return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope(action, messageId, payload));
    }

    private static void date(StringBuilder sb, String name, Instant at) {
        if (at != null) {
            sb.append("<ns1:").append(name).append('>').append(TS.format(at.atZone(DMP_ZONE)))
                    .append("</ns1:").append(name).append('>');
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    private static String esc(String s) {
        return SoapResponses.escape(s == null ? "" : s);
    }
}
