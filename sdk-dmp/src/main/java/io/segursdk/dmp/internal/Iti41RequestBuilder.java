package io.segursdk.dmp.internal;

import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.Submission;
import jakarta.activation.DataHandler;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.EbXMLProvideAndRegisterDocumentSetRequest;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ObjectFactory;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ProvideAndRegisterDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Association;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationLabel;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Document;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.SubmissionSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.ProvideAndRegisterDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.ProvideAndRegisterDocumentSetTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.XDSMetaDataException;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.ProvideAndRegisterDocumentSetRequestValidator;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.segursdk.dmp.internal.XdsMapping.code;
import static io.segursdk.dmp.internal.XdsMapping.text;
import static io.segursdk.dmp.internal.XdsMapping.timestamp;

/**
 * Builds the TD2.1 feed (ITI-41 ProvideAndRegisterDocumentSet-b) from a {@link Submission}: submission set, document
 * entry with the DMP's codes and visibility, HasMember and RPLC associations; validated with IPF's ITI-41 rules and
 * marshalled to a DOM element whose document is an {@code xop:Include} to an attachment. The document's content is
 * not read here.
 *
 * <p>Thread-safe.
 */
public final class Iti41RequestBuilder {

    private final XdsJaxb jaxb;
    private final ProvideAndRegisterDocumentSetTransformer transformer =
            new ProvideAndRegisterDocumentSetTransformer(new EbXMLFactory30());

    /** @param jaxb the shared JAXB context */
    public Iti41RequestBuilder(XdsJaxb jaxb) {
        this.jaxb = jaxb;
    }

    /**
     * @param submission the feed
     * @return the body element and its attachment
     */
    public SoapBodyPayload build(Submission submission) {
        ProvideAndRegisterDocumentSet pnr = toIpf(submission);
        EbXMLProvideAndRegisterDocumentSetRequest<ProvideAndRegisterDocumentSetRequestType> ebxml =
                transformer.toEbXML(pnr);
        try {
            ProvideAndRegisterDocumentSetRequestValidator.getInstance().validate(ebxml, XDS.Interactions.ITI_41);
        } catch (XDSMetaDataException e) {
            // our own validation should have caught this: a defect, not a caller error
            throw new IllegalStateException("The ITI-41 request failed IHE validation: " + e.getMessage(), e);
        }
        // after validation: strict IHE allows only id and assigning authority in a patientId CX
        DocumentMetadata m = submission.metadata();
        restorePatientIdType(ebxml.getInternal(), m.patientId().toCx(), m.sourcePatientId().isPresent()
                ? XdsMapping.sourcePatientIdCx(m.sourcePatientId().get(), m.sourcePatientIdOid().orElseThrow())
                : m.patientId().toCx(), m.authors());
        List<MtomAttachment> attachments = new ArrayList<>();
        Element body = jaxb.marshal(new ObjectFactory().createProvideAndRegisterDocumentSetRequest(
                ebxml.getInternal()), attachments);
        return new SoapBodyPayload(body, attachments);
    }

    /**
     * @param submission the feed
     * @return the IPF model of the request
     */
    ProvideAndRegisterDocumentSet toIpf(Submission submission) {
        DocumentMetadata m = submission.metadata();
        String docUuid = newUuid();
        String setUuid = newUuid();

        DocumentEntry de = new DocumentEntry();
        de.setEntryUuid(docUuid);
        de.setType(DocumentEntryType.STABLE);
        de.setUniqueId(m.uniqueId());
        de.setPatientId(XdsMapping.patientId(m.patientId()));
        de.setSourcePatientId(m.sourcePatientId().isPresent()
                ? XdsMapping.sourcePatientId(m.sourcePatientId().get(), m.sourcePatientIdOid().orElseThrow())
                : XdsMapping.patientId(m.patientId()));
        de.setMimeType(submission.document().mimeType());
        de.setFormatCode(code(submission.document().formatCode()));
        de.setClassCode(code(m.classCode()));
        de.setTypeCode(code(m.typeCode()));
        de.setHealthcareFacilityTypeCode(code(m.healthcareFacilityType()));
        de.setPracticeSettingCode(code(m.practiceSetting()));
        for (CodedValue c : m.visibility().confidentialityCodes()) {
            de.getConfidentialityCodes().add(code(c));
        }
        de.setTitle(text(m.title()));
        m.comments().ifPresent(c -> de.setComments(text(c)));
        de.setLanguageCode(m.languageCode());
        de.setCreationTime(timestamp(m.creationTime()));
        m.serviceStartTime().ifPresent(t -> de.setServiceStartTime(timestamp(t)));
        m.serviceStopTime().ifPresent(t -> de.setServiceStopTime(timestamp(t)));
        for (Author a : m.authors()) {
            de.getAuthors().add(XdsMapping.author(a));
        }
        m.legalAuthenticator().ifPresent(a -> de.setLegalAuthenticator(XdsMapping.person(a)));

        SubmissionSet set = new SubmissionSet();
        set.setEntryUuid(setUuid);
        set.setUniqueId(submission.uniqueId());
        set.setSourceId(submission.sourceId());
        set.setPatientId(XdsMapping.patientId(m.patientId()));
        set.setSubmissionTime(timestamp(submission.submissionTime()));
        set.setContentTypeCode(code(submission.contentType()));
        set.getAuthors().add(XdsMapping.author(m.authors().get(0)));

        ProvideAndRegisterDocumentSet pnr = new ProvideAndRegisterDocumentSet();
        pnr.setSubmissionSet(set);
        DataHandler content = new DataHandler(new XdsJaxb.OpenerDataSource(
                submission.document().content()::open, submission.document().mimeType()));
        pnr.getDocuments().add(new Document(de, content));

        Association member = new Association(AssociationType.HAS_MEMBER, newUuid(), setUuid, docUuid);
        member.setLabel(AssociationLabel.ORIGINAL);
        pnr.getAssociations().add(member);
        submission.replacement().ifPresent(r ->
                pnr.getAssociations().add(new Association(AssociationType.REPLACE, newUuid(), docUuid, r.entryUuid())));
        return pnr;
    }

    /** ExternalIdentifier schemes of XDSDocumentEntry.patientId and XDSSubmissionSet.patientId. */
    private static final java.util.Set<String> PATIENT_ID_SCHEMES = java.util.Set.of(
            "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427", "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446");

    /** Classification schemes of the document entry's and the submission set's authors. */
    private static final java.util.Set<String> AUTHOR_SCHEMES = java.util.Set.of(
            "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d", "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d");

    /**
     * IPF keeps only the IHE components of some HL7 v2 values; the DMP's forms carry more, as in the ANS samples:
     * the identifier type code of the patientId ({@code ^NH}) and sourcePatientId ({@code ^PI}), and the
     * organisation identifier type of authorInstitution ({@code ^IDNST}), the display name and code system of
     * authorSpecialty and authorRole. Writes the DMP's forms back.
     *
     * <p>IPF renders a patientId with its id and assigning authority only; the DMP's form also carries the identifier
     * type code ({@code ^NH}), as in the ANS samples. Writes the full CX back.
     */
    private static void restorePatientIdType(ProvideAndRegisterDocumentSetRequestType request, String cx,
                                             String sourceCx, List<Author> authors) {
        for (var e : request.getSubmitObjectsRequest().getRegistryObjectList().getIdentifiable()) {
            if (e.getValue() instanceof org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.RegistryObjectType ro) {
                for (var ext : ro.getExternalIdentifier()) {
                    if (PATIENT_ID_SCHEMES.contains(ext.getIdentificationScheme())) {
                        ext.setValue(cx);
                    }
                }
                int author = 0;
                for (var cl : ro.getClassification()) {
                    if (AUTHOR_SCHEMES.contains(cl.getClassificationScheme())) {
                        Author a = authors.get(Math.min(author++, authors.size() - 1));
                        for (var slot : cl.getSlot()) {
                            String value = switch (slot.getName()) {
                                case "authorInstitution" -> XdsMapping.xon(a.structure());
                                case "authorSpecialty" -> XdsMapping.codedCx(a.specialty());
                                case "authorRole" -> a.role().map(XdsMapping::codedCx).orElse(null);
                                default -> null;
                            };
                            if (value != null) {
                                slot.getValueList().getValue().clear();
                                slot.getValueList().getValue().add(value);
                            }
                        }
                    }
                }
                for (var slot : ro.getSlot()) {
                    if ("sourcePatientId".equals(slot.getName())) {
                        slot.getValueList().getValue().clear();
                        slot.getValueList().getValue().add(sourceCx);
                    }
                }
            }
        }
    }

    private static String newUuid() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
