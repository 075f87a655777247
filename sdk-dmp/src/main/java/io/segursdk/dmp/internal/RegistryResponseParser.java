package io.segursdk.dmp.internal;

import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentStatus;
import io.segursdk.dmp.RegistryError;
import io.segursdk.dmp.SearchResult;
import io.segursdk.dmp.Visibility;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLQueryResponse30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ExtrinsicObjectType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.IdentifiableType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.transform.responses.QueryResponseTransformer;
import org.w3c.dom.Element;

import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the DMP registry's answers: a RegistryResponse (feed, metadata update) or an AdhocQueryResponse (search).
 * Success gives the result; partial success gives it with warnings; failure becomes a typed exception carrying the
 * first error's code (and its code context as the service's message). Thread-safe.
 */
public final class RegistryResponseParser {

    static final String SERVICE = "DMP";
    static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    static final String PARTIAL_SUCCESS = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
    static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    static final String WARNING = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning";

    /** Error codes that say the caller may not do this. The DMP's own codes are to be confirmed (VERIFY). */
    static final Set<String> ACCESS_DENIED_CODES = Set.of("XDSLocalPolicyRestrictionError", "XDSAccessDenied",
            "DMPAccessDenied", "DMPAccessDeniedByPatient", "DMPAuthorizationError");
    /** Error codes after which the same request may succeed later. */
    static final Set<String> RETRYABLE_CODES = Set.of("XDSRegistryBusy", "XDSRepositoryBusy",
            "XDSRegistryOutOfResources", "XDSRepositoryOutOfResources", "XDSRegistryNotAvailable");

    private final XdsJaxb jaxb;
    private final QueryResponseTransformer transformer = new QueryResponseTransformer(new EbXMLFactory30());

    /** @param jaxb the shared JAXB context */
    public RegistryResponseParser(XdsJaxb jaxb) {
        this.jaxb = jaxb;
    }

    /**
     * Reads a RegistryResponse (the answer to a feed or a metadata update).
     *
     * @param body      the SOAP body's child element
     * @param messageId the exchange's message id, for errors, or {@code null}
     * @return the warnings of a partial success, or an empty list
     * @throws SegurException on a failure status
     */
    public List<RegistryError> parseRegistryResponse(Element body, String messageId) {
        RegistryResponseType r = jaxb.unmarshal(body, RegistryResponseType.class, Map.of());
        return checkStatus(r, messageId);
    }

    /**
     * Reads an AdhocQueryResponse (the answer to a search).
     *
     * @param body      the SOAP body's child element
     * @param messageId the exchange's message id, for errors, or {@code null}
     * @return the entries and warnings
     * @throws SegurException on a failure status
     */
    public SearchResult parseQueryResponse(Element body, String messageId) {
        AdhocQueryResponse r = jaxb.unmarshal(body, AdhocQueryResponse.class, Map.of());
        List<RegistryError> warnings = checkStatus(r, messageId);
        Map<String, String> rawStatus = new HashMap<>();
        if (r.getRegistryObjectList() != null) {
            for (JAXBElement<? extends IdentifiableType> e : r.getRegistryObjectList().getIdentifiable()) {
                if (e.getValue() instanceof ExtrinsicObjectType eo) {
                    rawStatus.put(eo.getId(), eo.getStatus());
                }
            }
        }
        QueryResponse q = transformer.fromEbXML(new EbXMLQueryResponse30(r));
        List<DocumentEntry> entries = new ArrayList<>();
        for (var de : q.getDocumentEntries()) {
            entries.add(toEntry(de, rawStatus.get(de.getEntryUuid())));
        }
        return new SearchResult(entries, warnings);
    }

    private static DocumentEntry toEntry(org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry de,
                                         String rawStatus) {
        List<CodedValue> confidentiality = new ArrayList<>();
        for (Code c : de.getConfidentialityCodes()) {
            confidentiality.add(XdsMapping.coded(c));
        }
        List<io.segursdk.dmp.Author> authors = new ArrayList<>();
        for (var a : de.getAuthors()) {
            authors.add(XdsMapping.author(a));
        }
        return new DocumentEntry(de.getEntryUuid(),
                de.getLogicalUuid() != null ? de.getLogicalUuid() : de.getEntryUuid(),
                de.getUniqueId(), de.getRepositoryUniqueId(), DocumentStatus.ofUrn(rawStatus),
                Visibility.fromConfidentialityCodes(confidentiality),
                de.getTitle() == null ? null : de.getTitle().getValue(),
                XdsMapping.coded(de.getClassCode()), XdsMapping.coded(de.getTypeCode()),
                XdsMapping.coded(de.getFormatCode()), de.getMimeType(),
                XdsMapping.instant(de.getCreationTime()), XdsMapping.instant(de.getServiceStartTime()),
                XdsMapping.instant(de.getServiceStopTime()), XdsMapping.coded(de.getPracticeSettingCode()),
                XdsMapping.coded(de.getHealthcareFacilityTypeCode()), authors, de.getSize(), de.getHash());
    }

    private static List<RegistryError> checkStatus(RegistryResponseType r, String messageId) {
        List<RegistryError> errors = new ArrayList<>();
        if (r.getRegistryErrorList() != null) {
            for (var e : r.getRegistryErrorList().getRegistryError()) {
                errors.add(new RegistryError(nz(e.getErrorCode()), nz(e.getCodeContext()), nz(e.getLocation()),
                        WARNING.equals(e.getSeverity())));
            }
        }
        String status = r.getStatus();
        if (SUCCESS.equals(status)) {
            return errors;
        }
        if (PARTIAL_SUCCESS.equals(status)) {
            return errors;
        }
        if (FAILURE.equals(status)) {
            throw toException(errors, messageId);
        }
        throw new ServiceFaultException("The DMP registry answered with an unknown status", SERVICE, null, null,
                null, messageId, null, false, null);
    }

    /**
     * Maps a failure's errors to the SDK's exception: access codes to {@link AccessDeniedException}, the rest to
     * {@link ServiceFaultException} (retryable for the busy/unavailable codes). The first error (not warning) wins.
     */
    static SegurException toException(List<RegistryError> errors, String messageId) {
        RegistryError first = errors.stream().filter(e -> !e.warning()).findFirst()
                .orElse(errors.isEmpty() ? null : errors.get(0));
        if (first == null) {
            return new ServiceFaultException("The DMP registry refused the request without an error list", SERVICE,
                    null, null, null, messageId, null, false, null);
        }
        String message = "The DMP registry refused the request: " + first.code()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        if (ACCESS_DENIED_CODES.contains(first.code())) {
            return new AccessDeniedException(message, SERVICE, first.code(), null, messageId, null);
        }
        return new ServiceFaultException(message, SERVICE, first.code(), null, null, messageId,
                first.codeContext().isEmpty() ? null : first.codeContext(), RETRYABLE_CODES.contains(first.code()),
                null);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
