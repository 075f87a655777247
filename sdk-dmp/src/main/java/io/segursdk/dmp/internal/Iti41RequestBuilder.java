package io.segursdk.dmp.internal;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
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
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.ProvideAndRegisterDocumentSetTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.XDSMetaDataException;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.ProvideAndRegisterDocumentSetRequestValidator;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
        return build(submission, null, null);
    }

    /**
     * Builds the feed as the DMP receives it: the document's size and SHA-1 computed in a first streaming pass, the
     * submission set signed when {@link Submission#signed()}, and the document checked against that digest while it
     * is sent.
     *
     * @param submission the feed
     * @param credential the signature credential (the VIHF's)
     * @param algorithm  the signature algorithm
     * @return the body element and its attachments (the document, then the signature)
     */
    public SoapBodyPayload buildForFeed(Submission submission, SigningCredential credential,
                                        SignatureAlgorithm algorithm) {
        DocumentDigest digest = DocumentDigest.compute(submission.document().content()::open,
                algorithm.digestJcaName());
        byte[] signature = null;
        if (submission.signed()) {
            signature = XadesSubmissionSignature.sign(credential, algorithm, submission.uniqueId(),
                    List.of(new XadesSubmissionSignature.Target(submission.metadata().uniqueId(),
                            digest.manifestDigest())), submission.submissionTime());
        }
        return build(submission, digest, signature);
    }

    /**
     * @param submission the feed
     * @param digest     the document's size and hash, or {@code null} to leave them out
     * @param signature  the submission-set signature document, or {@code null} for none
     * @return the body element and its attachments
     */
    SoapBodyPayload build(Submission submission, DocumentDigest digest, byte[] signature) {
        ProvideAndRegisterDocumentSet pnr = toIpf(submission, digest, signature);
        EbXMLProvideAndRegisterDocumentSetRequest<ProvideAndRegisterDocumentSetRequestType> ebxml =
                transformer.toEbXML(pnr);
        try {
            ProvideAndRegisterDocumentSetRequestValidator.getInstance().validate(ebxml, XDS.Interactions.ITI_41);
        } catch (XDSMetaDataException e) {
            // our own validation should have caught this: a defect, not a caller error
            throw new IllegalStateException("The ITI-41 request failed IHE validation: " + e.getMessage(), e);
        }
        // after validation: strict IHE allows only id and assigning authority in a patientId CX
        DmpForms forms = DmpForms.of(submission.metadata());
        restorePatientIdType(ebxml.getInternal().getSubmitObjectsRequest(), id -> forms);
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
        return toIpf(submission, null, null);
    }

    private ProvideAndRegisterDocumentSet toIpf(Submission submission, DocumentDigest digest, byte[] signature) {
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
        if (digest != null) {
            de.setSize(digest.size());
            de.setHash(digest.sha1Hex());
        }

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
        DataHandler content = new DataHandler(new XdsJaxb.OpenerDataSource(digest == null
                ? submission.document().content()::open
                : () -> digest.verifying(submission.document().content().open()), submission.document().mimeType()));
        pnr.getDocuments().add(new Document(de, content));

        Association member = new Association(AssociationType.HAS_MEMBER, newUuid(), setUuid, docUuid);
        member.setLabel(AssociationLabel.ORIGINAL);
        pnr.getAssociations().add(member);
        if (signature != null) {
            addSignature(pnr, submission, setUuid, signature);
        }
        submission.replacement().ifPresent(r ->
                pnr.getAssociations().add(new Association(AssociationType.REPLACE, newUuid(), docUuid, r.entryUuid())));
        return pnr;
    }

    /** The signature entry's fixed codes (IHE DSG, as in the DMP's TD2.1 sample). */
    static final CodedValue SIGNATURE_CLASS =
            new CodedValue("urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1", "URN", "Digital Signature");
    static final CodedValue SIGNATURE_TYPE = new CodedValue("E1762", "ASTM", "Full Document");
    static final CodedValue SIGNATURE_FORMAT =
            new CodedValue("http://www.w3.org/2000/09/xmldsig#", "URN", "Default Signature Style");
    static final CodedValue SIGNATURE_EVENT =
            new CodedValue(XadesSubmissionSignature.PURPOSE_SOURCE, "1.2.840.10065.1.12", "Source");

    /**
     * The signature document entry: fixed class, type, format and event codes, {@code N + MASQUE_PS +
     * INVISIBLE_PATIENT}, language {@code art}, the document's facility type and practice setting, a HasMember from
     * the submission set and a {@code signs} association to it.
     */
    private static void addSignature(ProvideAndRegisterDocumentSet pnr, Submission submission, String setUuid,
                                     byte[] signature) {
        DocumentMetadata m = submission.metadata();
        DocumentDigest digest = DocumentDigest.of(signature);
        String sigUuid = newUuid();
        DocumentEntry de = new DocumentEntry();
        de.setEntryUuid(sigUuid);
        de.setType(DocumentEntryType.STABLE);
        de.setUniqueId(io.segursdk.dmp.internal.Oids.newOid());
        de.setPatientId(XdsMapping.patientId(m.patientId()));
        de.setSourcePatientId(XdsMapping.patientId(m.patientId()));
        de.setMimeType("text/xml");
        de.setFormatCode(code(SIGNATURE_FORMAT));
        de.setClassCode(code(SIGNATURE_CLASS));
        de.setTypeCode(code(SIGNATURE_TYPE));
        de.getEventCodeList().add(code(SIGNATURE_EVENT));
        de.setHealthcareFacilityTypeCode(code(m.healthcareFacilityType()));
        de.setPracticeSettingCode(code(m.practiceSetting()));
        for (CodedValue c : io.segursdk.dmp.Visibility.of(io.segursdk.dmp.Visibility.Flag.MASKED_FROM_PROFESSIONALS,
                io.segursdk.dmp.Visibility.Flag.HIDDEN_FROM_PATIENT).confidentialityCodes()) {
            de.getConfidentialityCodes().add(code(c));
        }
        de.setTitle(text("Source"));
        de.setLanguageCode("art");
        de.setCreationTime(timestamp(submission.submissionTime()));
        de.getAuthors().add(XdsMapping.author(m.authors().get(0)));
        de.setSize(digest.size());
        de.setHash(digest.sha1Hex());
        pnr.getDocuments().add(new Document(de, new DataHandler(new XdsJaxb.OpenerDataSource(
                () -> new java.io.ByteArrayInputStream(signature), "text/xml"))));
        Association member = new Association(AssociationType.HAS_MEMBER, newUuid(), setUuid, sigUuid);
        member.setLabel(AssociationLabel.ORIGINAL);
        pnr.getAssociations().add(member);
        pnr.getAssociations().add(new Association(AssociationType.SIGNS, newUuid(), sigUuid, setUuid));
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
    private static void restorePatientIdType(SubmitObjectsRequest request, Function<String, DmpForms> formsById) {
        for (var e : request.getRegistryObjectList().getIdentifiable()) {
            if (e.getValue() instanceof org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.RegistryObjectType ro) {
                DmpForms forms = formsById.apply(ro.getId());
                if (forms == null) {
                    continue;
                }
                String cx = forms.cx();
                String sourceCx = forms.sourceCx();
                List<Author> authors = forms.authors();
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

    /**
     * The DMP's forms of one registry object's HL7 v2 values.
     *
     * @param cx       the patientId CX
     * @param sourceCx the sourcePatientId CX
     * @param authors  the authors, in classification order
     */
    private record DmpForms(String cx, String sourceCx, List<Author> authors) {
        static DmpForms of(DocumentMetadata m) {
            return new DmpForms(m.patientId().toCx(), m.sourcePatientId().isPresent()
                    ? XdsMapping.sourcePatientIdCx(m.sourcePatientId().get(), m.sourcePatientIdOid().orElseThrow())
                    : m.patientId().toCx(), m.authors());
        }
    }

    /**
     * Builds the metadata of an IHE XDM package ({@code IHE_XDM/SUBSET01/METADATA.XML}): an ebRIM 3.0
     * {@code lcm:SubmitObjectsRequest} with one submission set (the first submission's uniqueId, sourceId, time,
     * content type and first author) and one document entry per submission, with the same codes, visibility and
     * DMP forms as the ITI-41 feed, plus the XDM {@code URI} slot, size and SHA-1. Each document's content is read
     * once to compute its size and hash. Submission-set signatures are not part of an XDM package.
     *
     * @param submissions one or more submissions for the same patient, with distinct document uniqueIds
     * @param uri         the file name of each submission's document in {@code IHE_XDM/SUBSET01/}
     * @return the {@code SubmitObjectsRequest} element
     */
    public Element buildXdmMetadata(List<Submission> submissions, Function<Submission, String> uri) {
        ProvideAndRegisterDocumentSet pnr = null;
        Map<String, DmpForms> forms = new HashMap<>();
        for (Submission s : submissions) {
            DocumentDigest digest = DocumentDigest.compute(s.document().content()::open, "SHA-1");
            ProvideAndRegisterDocumentSet one = toIpf(s, digest, null);
            Document d = one.getDocuments().get(0);
            d.getDocumentEntry().setUri(uri.apply(s));
            forms.put(d.getDocumentEntry().getEntryUuid(), DmpForms.of(s.metadata()));
            if (pnr == null) {
                pnr = one;
                forms.put(one.getSubmissionSet().getEntryUuid(), DmpForms.of(s.metadata()));
                continue;
            }
            pnr.getDocuments().add(d);
            Association member = new Association(AssociationType.HAS_MEMBER, newUuid(),
                    pnr.getSubmissionSet().getEntryUuid(), d.getDocumentEntry().getEntryUuid());
            member.setLabel(AssociationLabel.ORIGINAL);
            pnr.getAssociations().add(member);
            for (Association a : one.getAssociations()) {
                if (a.getAssociationType() == AssociationType.REPLACE) {
                    pnr.getAssociations().add(a);
                }
            }
        }
        if (pnr == null) {
            throw new IllegalArgumentException("an XDM package holds at least one submission");
        }
        EbXMLProvideAndRegisterDocumentSetRequest<ProvideAndRegisterDocumentSetRequestType> ebxml =
                transformer.toEbXML(pnr);
        try {
            ProvideAndRegisterDocumentSetRequestValidator.getInstance().validate(ebxml, XDS.Interactions.ITI_41);
        } catch (XDSMetaDataException e) {
            throw new IllegalStateException("The XDM metadata failed IHE validation: " + e.getMessage(), e);
        }
        SubmitObjectsRequest request = ebxml.getInternal().getSubmitObjectsRequest();
        restorePatientIdType(request, forms::get);
        return jaxb.marshal(request, new ArrayList<>());
    }

    private static String newUuid() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
