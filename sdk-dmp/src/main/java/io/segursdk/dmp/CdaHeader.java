package io.segursdk.dmp;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.ins.PatientIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The header of a CDA R2 document, read as a stream with a hardened parser: reading stops where the body
 * ({@code ClinicalDocument/component}) starts, so a large document is never held in memory.
 *
 * <p>{@link #toMetadata(PatientIdentity)} turns it into a {@link DocumentMetadata.Builder} already holding what the
 * header says: title, creation time, service start and stop
 * ({@code documentationOf/serviceEvent/effectiveTime}), typeCode ({@code code}), visibility (a TRE_A07
 * {@code confidentialityCode}), language, the first author (IdNat_PS, name, specialty, structure), the facility type
 * ({@code componentOf/encompassingEncounter/location/healthCareFacility/code}), the practice setting
 * ({@code documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode}),
 * and the uniqueId from {@code ClinicalDocument/id}. The caller adds what the header cannot say (the classCode) and
 * may override any value by calling the builder's setter again.
 *
 * <pre>{@code
 * DocumentMetadata metadata = CdaHeader.read(document.content())
 *         .toMetadata(patientIdentity)              // the recordTarget must carry the patient's INS
 *         .classCode(CodedValue.classCode("10", "Compte rendu"))
 *         .build();
 * }</pre>
 *
 * <p>Times without a zone are taken in Europe/Paris. Immutable; {@code toString()} shows no patient data.
 */
public final class CdaHeader {

    /** The CDA R2 namespace. */
    public static final String HL7_NS = "urn:hl7-org:v3";
    /** The assigning authority of IdNat_PS in CDA {@code id/@root}. */
    static final String PERSON_ID_ROOT = "1.2.250.1.71.4.2.1";
    /** The assigning authority of IdNat_Struct in CDA {@code id/@root}. */
    static final String STRUCTURE_ID_ROOT = "1.2.250.1.71.4.2.2";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.\\d{1,4})?)?)?([+-]\\d{4})?");

    private String idRoot;
    private String idExtension;
    private CodedValue code;
    private String title;
    private Instant effectiveTime;
    private CodedValue confidentiality;
    private String languageCode;
    private final List<String[]> patientIds = new ArrayList<>();
    private String authorId;
    private String authorFamily;
    private String authorGiven;
    private CodedValue authorSpecialty;
    private String structureId;
    private String structureName;
    private Instant serviceStart;
    private Instant serviceStop;
    private CodedValue facilityType;
    private CodedValue practiceSetting;

    private CdaHeader() {
    }

    /**
     * Reads the header of a CDA R2 document; the content is opened once and closed, and only read up to the body.
     *
     * @param cda where to read the document from
     * @return the header
     * @throws InvalidRequestException when the content is not a well-formed CDA R2 document or has no id
     * @throws UncheckedIOException    when the content cannot be opened or read
     */
    public static CdaHeader read(DmpDocument.ContentSource cda) {
        Objects.requireNonNull(cda, "cda");
        XMLInputFactory factory = SecureXml.instance().newXmlInputFactory();
        try (InputStream in = cda.open()) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            try {
                CdaHeader h = new CdaHeader();
                h.parse(r);
                return h;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw InvalidRequestException.of("cda", "is not well-formed XML (or uses a DOCTYPE)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CDA document", e);
        }
    }

    private void parse(XMLStreamReader r) throws XMLStreamException {
        List<String> path = new ArrayList<>();
        boolean root = true;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw InvalidRequestException.of("cda", "must not contain a DOCTYPE or entity references");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                path.remove(path.size() - 1);
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = HL7_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "{" + r.getNamespaceURI() + "}"
                    + r.getLocalName();
            if (root) {
                if (!"ClinicalDocument".equals(name)) {
                    throw InvalidRequestException.of("cda", "must have a ClinicalDocument root in " + HL7_NS);
                }
                root = false;
                path.add(name);
                continue;
            }
            path.add(name);
            String p = String.join("/", path.subList(1, path.size()));
            if ("component".equals(p)) {
                return; // the body: the header is complete
            }
            switch (p) {
                case "id" -> {
                    idRoot = attr(r, "root");
                    idExtension = attr(r, "extension");
                }
                case "code" -> code = coded(r);
                case "title" -> {
                    title = r.getElementText().strip();
                    path.remove(path.size() - 1);
                }
                case "effectiveTime" -> effectiveTime = time(r, "effectiveTime");
                case "confidentialityCode" -> confidentiality = coded(r);
                case "languageCode" -> languageCode = attr(r, "code");
                case "recordTarget/patientRole/id" -> patientIds.add(new String[] {attr(r, "root"), attr(r, "extension")});
                case "author/assignedAuthor/id" -> {
                    if (authorId == null && PERSON_ID_ROOT.equals(attr(r, "root"))) {
                        authorId = attr(r, "extension");
                    }
                }
                case "author/assignedAuthor/code" -> authorSpecialty = authorSpecialty == null ? coded(r) : authorSpecialty;
                case "author/assignedAuthor/assignedPerson/name/family" -> {
                    authorFamily = authorFamily == null ? r.getElementText().strip() : authorFamily;
                    path.remove(path.size() - 1);
                }
                case "author/assignedAuthor/assignedPerson/name/given" -> {
                    authorGiven = authorGiven == null ? r.getElementText().strip() : authorGiven;
                    path.remove(path.size() - 1);
                }
                case "author/assignedAuthor/representedOrganization/id" -> {
                    if (structureId == null && STRUCTURE_ID_ROOT.equals(attr(r, "root"))) {
                        structureId = attr(r, "extension");
                    }
                }
                case "author/assignedAuthor/representedOrganization/name" -> {
                    structureName = structureName == null ? r.getElementText().strip() : structureName;
                    path.remove(path.size() - 1);
                }
                case "documentationOf/serviceEvent/effectiveTime/low" ->
                        serviceStart = serviceStart == null ? time(r, "serviceEvent.low") : serviceStart;
                case "documentationOf/serviceEvent/effectiveTime/high" ->
                        serviceStop = serviceStop == null ? time(r, "serviceEvent.high") : serviceStop;
                case "documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode" ->
                        practiceSetting = practiceSetting == null ? coded(r) : practiceSetting;
                case "componentOf/encompassingEncounter/location/healthCareFacility/code" -> facilityType = coded(r);
                default -> {
                    // not used for the metadata
                }
            }
        }
        if (root) {
            throw InvalidRequestException.of("cda", "is empty");
        }
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(XMLConstants.NULL_NS_URI, name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static CodedValue coded(XMLStreamReader r) {
        String c = attr(r, "code");
        String s = attr(r, "codeSystem");
        if (c == null || s == null) {
            return null;
        }
        String d = attr(r, "displayName");
        return new CodedValue(c, s, d == null ? "" : d);
    }

    private static Instant time(XMLStreamReader r, String field) {
        String v = attr(r, "value");
        return v == null ? null : parseTime(v, field);
    }

    /**
     * Parses an HL7 TS ({@code YYYYMMDD[HHMM[SS[.S]]][+ZZZZ]}); without a zone, Europe/Paris.
     *
     * @param value the TS
     * @param field the field, for the error
     * @return the instant
     */
    static Instant parseTime(String value, String field) {
        Matcher m = TS.matcher(value);
        if (!m.matches()) {
            throw InvalidRequestException.of("cda." + field, "must be an HL7 time stamp (YYYYMMDD[HHMM[SS]][+ZZZZ])");
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalDateTime t = m.group(4) == null ? d.atStartOfDay() : d.atTime(Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return m.group(7) == null ? t.atZone(PARIS).toInstant()
                    : t.atOffset(ZoneOffset.of(m.group(7).substring(0, 3) + ":" + m.group(7).substring(3))).toInstant();
        } catch (java.time.DateTimeException e) {
            throw InvalidRequestException.of("cda." + field, "is not a valid date and time");
        }
    }

    /**
     * The document's XDS uniqueId from {@code ClinicalDocument/id}: the root alone, or {@code root^extension} when
     * there is an extension.
     *
     * @return the uniqueId, when the document has an id
     */
    public Optional<String> uniqueId() {
        if (idRoot == null) {
            return Optional.empty();
        }
        return Optional.of(idExtension == null ? idRoot : idRoot + "^" + idExtension);
    }

    /** @return the document type ({@code ClinicalDocument/code}), when present */
    public Optional<CodedValue> typeCode() {
        return Optional.ofNullable(code);
    }

    /** @return the title, when present */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return the creation time ({@code ClinicalDocument/effectiveTime}), when present */
    public Optional<Instant> creationTime() {
        return Optional.ofNullable(effectiveTime);
    }

    /** @return the start of the documented act, when present */
    public Optional<Instant> serviceStartTime() {
        return Optional.ofNullable(serviceStart);
    }

    /** @return the end of the documented act, when present */
    public Optional<Instant> serviceStopTime() {
        return Optional.ofNullable(serviceStop);
    }

    /** @return the {@code confidentialityCode}, when present */
    public Optional<CodedValue> confidentiality() {
        return Optional.ofNullable(confidentiality);
    }

    /** @return the language ({@code languageCode/@code}), when present */
    public Optional<String> languageCode() {
        return Optional.ofNullable(languageCode);
    }

    /**
     * The first author, when the header names them completely: IdNat_PS (an {@code id} with root
     * 1.2.250.1.71.4.2.1), family and given names, specialty ({@code assignedAuthor/code}) and the represented
     * organisation (an {@code id} with root 1.2.250.1.71.4.2.2, and its name).
     *
     * @return the author, when complete
     */
    public Optional<Author> author() {
        if (authorId == null || authorFamily == null || authorGiven == null || authorSpecialty == null
                || structureId == null || structureName == null) {
            return Optional.empty();
        }
        return Optional.of(Author.builder().nationalId(authorId).name(authorFamily, authorGiven)
                .specialty(authorSpecialty).structure(new Structure(structureName, structureId)).build());
    }

    /** @return the healthcare facility type, when present */
    public Optional<CodedValue> healthcareFacilityType() {
        return Optional.ofNullable(facilityType);
    }

    /** @return the practice setting, when present */
    public Optional<CodedValue> practiceSetting() {
        return Optional.ofNullable(practiceSetting);
    }

    /**
     * Checks that the document's {@code recordTarget} carries the patient's INS, then fills a metadata builder.
     *
     * @param identity the patient's identity; must be qualified
     * @return a builder holding the patientId and what the header gives; the caller adds the rest
     * @throws io.segursdk.ins.IdentityRuleException when the identity is not qualified
     * @throws CdaPatientMismatchException           when the document is about someone else
     */
    public DocumentMetadata.Builder toMetadata(PatientIdentity identity) {
        return toMetadata(PatientId.of(identity));
    }

    /**
     * Checks that the document's {@code recordTarget} carries this INS, then fills a metadata builder.
     *
     * @param patient the patient's qualified INS
     * @return a builder holding the patientId and what the header gives; the caller adds the rest
     * @throws CdaPatientMismatchException when the document is about someone else
     */
    public DocumentMetadata.Builder toMetadata(PatientId patient) {
        Objects.requireNonNull(patient, "patient");
        boolean anyIns = false;
        boolean match = false;
        for (String[] id : patientIds) {
            if (PatientId.isInsOid(id[0])) {
                anyIns = true;
                match |= patient.oid().equals(id[0]) && patient.matricule().equals(id[1]);
            }
        }
        if (!anyIns) {
            throw new CdaPatientMismatchException("the document's recordTarget carries no INS");
        }
        if (!match) {
            throw new CdaPatientMismatchException("the document's recordTarget is another patient's INS");
        }
        DocumentMetadata.Builder b = DocumentMetadata.builder().patientId(patient);
        uniqueId().ifPresent(b::uniqueId);
        typeCode().ifPresent(b::typeCode);
        title().ifPresent(b::title);
        creationTime().ifPresent(b::creationTime);
        b.serviceTime(serviceStart, serviceStop);
        languageCode().ifPresent(b::languageCode);
        author().ifPresent(b::author);
        healthcareFacilityType().ifPresent(b::healthcareFacilityType);
        practiceSetting().ifPresent(b::practiceSetting);
        confidentiality().map(c -> Visibility.fromConfidentialityCodes(List.of(c))).ifPresent(b::visibility);
        return b;
    }

    @Override
    public String toString() {
        return "CdaHeader[uniqueId=" + uniqueId().orElse(null) + ", typeCode="
                + (code == null ? null : code.code()) + "]";
    }
}
