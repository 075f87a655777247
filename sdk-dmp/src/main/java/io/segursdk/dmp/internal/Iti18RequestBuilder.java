package io.segursdk.dmp.internal;

import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.DocumentStatus;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.EbXMLAdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.TimeRange;
import org.openehealth.ipf.commons.ihe.xds.core.requests.QueryRegistry;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.QueryRegistryTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.XDSMetaDataException;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.AdhocQueryRequestValidator;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the TD3.1 search (ITI-18 AdhocQueryRequest, LeafClass) from a {@link DocumentQuery}, validated with IPF's
 * ITI-18 rules. The DMP's own statuses (Archived, Deleted), unknown to IHE, are written into the status slot after
 * validation. Thread-safe.
 */
public final class Iti18RequestBuilder {

    static final String STATUS_SLOT = "$XDSDocumentEntryStatus";

    private final XdsJaxb jaxb;
    private final QueryRegistryTransformer transformer = new QueryRegistryTransformer();

    /** @param jaxb the shared JAXB context */
    public Iti18RequestBuilder(XdsJaxb jaxb) {
        this.jaxb = jaxb;
    }

    /**
     * @param query the search
     * @return the body element (no attachments)
     */
    public SoapBodyPayload build(DocumentQuery query) {
        QueryRegistry request = new QueryRegistry(switch (query.kind()) {
            case FIND_DOCUMENTS -> find(query);
            case GET_BY_UNIQUE_ID -> {
                GetDocumentsQuery q = new GetDocumentsQuery();
                q.setUniqueIds(new ArrayList<>(query.ids()));
                yield q;
            }
            case GET_BY_ENTRY_UUID -> {
                GetDocumentsQuery q = new GetDocumentsQuery();
                q.setUuids(new ArrayList<>(query.ids()));
                yield q;
            }
        }, QueryReturnType.LEAF_CLASS);
        EbXMLAdhocQueryRequest<AdhocQueryRequest> ebxml = transformer.toEbXML(request);
        try {
            AdhocQueryRequestValidator.getInstance().validate(ebxml, XDS.Interactions.ITI_18);
        } catch (XDSMetaDataException e) {
            throw new IllegalStateException("The ITI-18 request failed IHE validation: " + e.getMessage(), e);
        }
        if (query.kind() == DocumentQuery.Kind.FIND_DOCUMENTS) {
            writeStatuses(ebxml.getInternal(), query);
        }
        return new SoapBodyPayload(jaxb.marshal(ebxml.getInternal(), new ArrayList<>()), List.of());
    }

    private static FindDocumentsQuery find(DocumentQuery query) {
        FindDocumentsQuery q = new FindDocumentsQuery();
        q.setPatientId(XdsMapping.patientId(query.patientId().orElseThrow()));
        // IPF knows only the IHE statuses; the slot is rewritten with every requested status after validation
        q.setStatus(List.of(AvailabilityStatus.APPROVED));
        q.setClassCodes(codes(query.classCodes()));
        q.setTypeCodes(codes(query.typeCodes()));
        q.setPracticeSettingCodes(codes(query.practiceSettings()));
        q.setHealthcareFacilityTypeCodes(codes(query.facilityTypes()));
        q.setFormatCodes(codes(query.formatCodes()));
        query.creationTime().ifPresent(r -> range(q.getCreationTime(), r));
        query.serviceStartTime().ifPresent(r -> range(q.getServiceStartTime(), r));
        query.serviceStopTime().ifPresent(r -> range(q.getServiceStopTime(), r));
        if (!query.authorNationalIds().isEmpty()) {
            q.setAuthorPersons(query.authorNationalIds().stream().map(id -> id + "^%").collect(Collectors.toList()));
        }
        return q;
    }

    private static List<Code> codes(List<CodedValue> values) {
        return values.isEmpty() ? null : values.stream().map(XdsMapping::code).collect(Collectors.toList());
    }

    private static void range(TimeRange target, DocumentQuery.TimeRange r) {
        if (r.from() != null) {
            target.setFrom(XdsMapping.timestamp(r.from()));
        }
        if (r.to() != null) {
            target.setTo(XdsMapping.timestamp(r.to()));
        }
    }

    private static void writeStatuses(AdhocQueryRequest request, DocumentQuery query) {
        String value = query.statuses().stream().sorted().map(s -> "'" + s.urn() + "'")
                .collect(Collectors.joining(",", "(", ")"));
        for (SlotType1 slot : request.getAdhocQuery().getSlot()) {
            if (STATUS_SLOT.equals(slot.getName())) {
                slot.getValueList().getValue().clear();
                slot.getValueList().getValue().add(value);
            }
        }
    }

    /** @return the statuses in the order they are written */
    static List<DocumentStatus> order(java.util.Set<DocumentStatus> s) {
        return s.stream().sorted().collect(Collectors.toList());
    }
}
