package io.segursdk.dmp;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.Violations;
import io.segursdk.core.logging.PhiRedactor;
import io.segursdk.core.soap.SoapAttachment;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapFaultClassifier;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.dmp.internal.DmpAdminMessages;
import io.segursdk.dmp.internal.DmpMessages;
import io.segursdk.dmp.internal.Iti18RequestBuilder;
import io.segursdk.dmp.internal.Iti41RequestBuilder;
import io.segursdk.dmp.internal.MtomAttachment;
import io.segursdk.dmp.internal.RegistryResponseParser;
import io.segursdk.dmp.internal.SoapBodyPayload;
import io.segursdk.dmp.internal.XdsJaxb;
import io.segursdk.ins.PatientIdentity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The DMP ("dossier médical partagé" of Mon espace santé) for one professional or structure: test of existence and
 * authorisation (TD0.2), authorisation (TD0.3), creation (TD1.1), feeding (TD2.1, ITI-41), search (TD3.1, ITI-18),
 * retrieval (TD3.2, ITI-43), metadata updates (TD3.3, ITI-57), the list of authorised DMPs (TD0.4), the list of
 * authorised and blocked professionals (TD1.6) and the administrative data (TD1.3a).
 * SOAP 1.2 with WS-Addressing over mutual TLS,
 * MTOM on the registry and repository, a fresh signed {@link Vihf} on every call.
 *
 * <p>Immutable and thread-safe; holds connections: build one per professional (or structure) and close it when done.
 *
 * <pre>{@code
 * try (DmpClient dmp = DmpClient.builder()
 *         .baseUri(URI.create("https://lps2.dmp.gouv.fr/si-dmp-server/v2/services/"))
 *         .tlsCredential(orgAuthCredential)      // ORG_AUTH_CLI, or the card's authentication key
 *         .tls(tlsOptions)
 *         .vihf(vihf)
 *         .submissionSource("1.2.250.1.999.1.1.4242", CodedValue.contentType("04", "Hospitalisation de jour"))
 *         .patientChoices(patientFile::dmpChoices)  // the patients' recorded information and oppositions
 *         .build()) {
 *     DmpStatus status = dmp.testExistence(DmpAccess.of(patient));
 * }
 * }</pre>
 *
 * <p>Every request is checked before any network call ({@link InvalidRequestException}); feeding against a patient's
 * recorded opposition to feeding, and searching or retrieving against an opposition to consultation, are refused
 * then too ({@link PatientOppositionException}). SOAP faults, registry
 * failures and HL7 refusals become {@link io.segursdk.core.error.AuthenticationException} (the VIHF or certificate
 * was refused), {@link io.segursdk.core.error.AccessDeniedException} (the rules of the DMP forbid it) or
 * {@link ServiceFaultException}. The wire log (DEBUG on {@code io.segursdk.wire.DMP}) is redacted of INS, names,
 * birth data and document content.
 */
public final class DmpClient implements AutoCloseable {

    /** The service name used in errors and logs. */
    public static final String SERVICE = "DMP";

    /** SOAP fault subcodes (or detail codes) meaning the VIHF or certificate was refused (to confirm: VERIFY). */
    static final Set<String> AUTHENTICATION_CODES = Set.of("DMPInvalidCertificate", "DMPInvalidVihf",
            "InvalidSecurityToken", "FailedCheck", "InvalidSecurity", "FailedAuthentication");
    /** SOAP fault subcodes meaning the DMP's rules forbid the call (to confirm: VERIFY). */
    static final Set<String> ACCESS_CODES = Set.of("DMPAccessDenied", "DMPAccessDeniedByPatient",
            "DMPAuthorizationError");

    private static final Logger LOG = LoggerFactory.getLogger(DmpClient.class);

    private final Vihf vihf;
    private final SoftwareInfo software;
    private final RetryPolicy retryPolicy;
    private final RetryPolicy feedRetryPolicy;
    private final String sourceId;
    private final CodedValue updateContentType;
    private final DmpValueSets valueSets;
    private final SoapClient patients;
    private final SoapClient patientsSpecific;
    private final DmpPatientChoices.Lookup patientChoices;
    private final SoapClient habilitations;
    private final SoapClient registry;
    private final SoapClient repository;
    private final XdsJaxb jaxb = new XdsJaxb();
    private final Iti41RequestBuilder iti41 = new Iti41RequestBuilder(jaxb);
    private final Iti18RequestBuilder iti18 = new Iti18RequestBuilder(jaxb);
    private final RegistryResponseParser parser = new RegistryResponseParser(jaxb);

    private DmpClient(Builder b) {
        this.vihf = b.vihf;
        this.software = b.software;
        this.sourceId = b.sourceId;
        this.updateContentType = b.updateContentType;
        this.retryPolicy = b.retryPolicy;
        this.feedRetryPolicy = b.feedRetryPolicy;
        this.valueSets = b.valueSets;
        URI base = b.baseUri.toString().endsWith("/") ? b.baseUri : URI.create(b.baseUri + "/");
        this.patients = soap(b, base.resolve("patients"), false);
        this.patientsSpecific = soap(b, base.resolve("patientsSpecific"), false);
        this.patientChoices = b.patientChoices;
        this.habilitations = soap(b, base.resolve("habilitations"), false);
        this.registry = soap(b, base.resolve("registry"), true);
        this.repository = soap(b, base.resolve("repository"), true);
    }

    private static SoapClient soap(Builder b, URI endpoint, boolean mtom) {
        return SoapClient.builder().service(SERVICE).endpoint(endpoint).credential(b.tlsCredential).tls(b.tls)
                .timeouts(b.timeouts).maxResponseBytes(b.maxResponseBytes).mtom(mtom).faultClassifier(CLASSIFIER)
                .redactor(b.redactor).build();
    }

    private static final SoapFaultClassifier CLASSIFIER = ((SoapFaultClassifier) fault -> {
        for (String c : AUTHENTICATION_CODES) {
            if (fault.hasCode(c)) {
                return SoapFaultClassifier.Category.AUTHENTICATION;
            }
        }
        for (String c : ACCESS_CODES) {
            if (fault.hasCode(c)) {
                return SoapFaultClassifier.Category.ACCESS_DENIED;
            }
        }
        return null;
    }).orElse(SoapFaultClassifier.DEFAULT);

    /**
     * The redactor the DMP client logs with: the SDK's defaults plus the DMP's own places of patient data.
     *
     * @return the redactor
     */
    public static PhiRedactor defaultRedactor() {
        return PhiRedactor.builder()
                .attribute("value", "extension")
                .attribute("value", "root")
                .build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ TD0.x, TD1.1

    /**
     * TD0.2: whether the patient has a DMP, its state, and the professional's authorisation on it.
     *
     * @param access the patient and context
     * @return the status
     */
    public DmpStatus testExistence(DmpAccess access) {
        requireAccess(access);
        try (SoapResponse r = call(patients, DmpMessages.ACTION_TD02,
                DmpMessages.testExistence(access.patient(), software), List.of(), access)) {
            return DmpMessages.parseStatus(r.requireBody(), r.relatesTo().orElse(null));
        }
    }

    /**
     * TD0.3: declares the professional authorised on the patient's DMP (with the patient's consent).
     *
     * @param patient the patient
     */
    public void authorise(PatientId patient) {
        setAuthorisation(patient, true);
    }

    /**
     * TD0.3: removes the professional's authorisation.
     *
     * @param patient the patient
     */
    public void removeAuthorisation(PatientId patient) {
        setAuthorisation(patient, false);
    }

    private void setAuthorisation(PatientId patient, boolean add) {
        DmpAccess access = DmpAccess.of(patient);
        try (SoapResponse r = call(habilitations, DmpMessages.ACTION_TD03, DmpMessages.setAuthorization(add),
                List.of(), access)) {
            DmpMessages.checkAuthorizationResponse(r.requireBody(), r.relatesTo().orElse(null));
        }
    }

    /**
     * TD1.1: creates the patient's DMP (with the patient's consent). Only a qualified identity is accepted.
     *
     * @param identity the patient's qualified identity
     * @return the new record's status
     * @throws io.segursdk.ins.IdentityRuleException when the identity is not qualified, before any call
     */
    public DmpStatus create(PatientIdentity identity) {
        PatientId patient = PatientId.of(identity);
        try (SoapResponse r = call(patients, DmpMessages.ACTION_TD11,
                DmpMessages.create(patient, identity.traits(), software), List.of(), DmpAccess.of(patient))) {
            return DmpMessages.parseStatus(r.requireBody(), r.relatesTo().orElse(null));
        }
    }

    // ------------------------------------------------------------------------------------------------ TD2.1

    /**
     * TD2.1: feeds the DMP with a document, new or replacing an earlier one ({@link Submission#replacement()}).
     * The document's content is streamed as an MTOM attachment.
     *
     * <p>A feed is not idempotent and is never sent again blindly. After a retryable failure (a read timeout, a
     * connection reset after the request was sent, a {@code 503}), the client searches the DMP for the document's
     * uniqueId: when the document is there, the feed succeeded and this method returns normally (without the
     * registry's warnings, which were lost with the response); when it is not, the client sends it again if the
     * {@link Builder#feedRetryPolicy(RetryPolicy) feed retry policy} allows it (by default it does not), else throws
     * the failure.
     *
     * @param access     the patient and context; its patient must be the submission's
     * @param submission the document and its metadata
     * @return the registry's warnings, if it accepted with a partial success
     */
    public List<RegistryError> feed(DmpAccess access, Submission submission) {
        requireAccess(access);
        if (submission == null) {
            throw InvalidRequestException.of("submission", "is required");
        }
        if (!submission.metadata().patientId().equals(access.patient())) {
            throw InvalidRequestException.of("submission.metadata.patientId", "must be the access's patient");
        }
        refuseAgainstOpposition(access.patient(), PatientOppositionException.Kind.FEEDING);
        valueSets.validate(submission);
        String uniqueId = submission.metadata().uniqueId();
        for (int attempt = 1; ; attempt++) {
            SoapBodyPayload payload = iti41.buildForFeed(submission, vihf.signingCredential(),
                    vihf.signatureAlgorithm());   // built per attempt: the document is read afresh each time
            try (SoapResponse r = call(repository, DmpMessages.ACTION_ITI41, payload.body(), payload.attachments(),
                    access)) {
                return parser.parseRegistryResponse(r.requireBody(), r.relatesTo().orElse(null));
            } catch (SegurException failure) {
                if (!failure.isRetryable()) {
                    throw failure;
                }
                if (landed(access, uniqueId, failure)) {
                    LOG.info("DMP feed: the response was lost ({}) but the document is in the DMP: not sent again",
                            failure.getClass().getSimpleName());
                    return List.of();
                }
                if (!feedRetryPolicy.shouldRetry(failure, attempt)) {
                    throw failure;
                }
                LOG.info("DMP feed: attempt {} failed ({}) and the document is not in the DMP: sending it again",
                        attempt, failure.getClass().getSimpleName());
                // the check above already waited for the backoff
            }
        }
    }

    /**
     * After an ambiguous feed failure: whether the document is in the DMP. Waits a backoff first (a DMP that just
     * failed may not answer at once); the search itself is retried as any search.
     */
    private boolean landed(DmpAccess access, String uniqueId, SegurException failure) {
        if (!RetryPolicy.pause(retryPolicy.backoff(1))) {
            throw failure;
        }
        try {
            SearchResult found = search(access, DocumentQuery.byUniqueIds(uniqueId));
            return found.entries().stream().anyMatch(e -> uniqueId.equals(e.uniqueId())
                    && e.status() != DocumentStatus.DEPRECATED);
        } catch (SegurException checkFailure) {
            failure.addSuppressed(checkFailure);
            throw failure;
        }
    }

    // ------------------------------------------------------------------------------------------------ TD3.1, 3.2

    /**
     * TD3.1: searches the patient's documents.
     *
     * @param access the patient and context
     * @param query  the search; a FindDocuments query must be about the access's patient
     * @return the entries the professional may see
     */
    public SearchResult search(DmpAccess access, DocumentQuery query) {
        requireAccess(access);
        if (query == null) {
            throw InvalidRequestException.of("query", "is required");
        }
        if (query.patientId().isPresent() && !query.patientId().get().equals(access.patient())) {
            throw InvalidRequestException.of("query.patientId", "must be the access's patient");
        }
        refuseAgainstOpposition(access.patient(), PatientOppositionException.Kind.CONSULTATION);
        SoapBodyPayload payload = iti18.build(query);
        return retryPolicy.execute(() -> {
            try (SoapResponse r = call(registry, DmpMessages.ACTION_ITI18, payload.body(), List.of(), access)) {
                return parser.parseQueryResponse(r.requireBody(), r.relatesTo().orElse(null));
            }
        });
    }

    /**
     * TD3.2: retrieves a document's content, streamed.
     *
     * @param access the patient and context
     * @param entry  the entry found by {@link #search}
     * @return the document, to read and close
     */
    public RetrievedDocument retrieve(DmpAccess access, DocumentEntry entry) {
        requireAccess(access);
        Violations v = new Violations();
        v.require(entry != null, "entry", "is required");
        v.require(entry == null || entry.repositoryUniqueId() != null, "entry.repositoryUniqueId",
                "is required: use an entry found by search");
        v.throwIfAny();
        refuseAgainstOpposition(access.patient(), PatientOppositionException.Kind.CONSULTATION);
        return retryPolicy.execute(() -> retrieveOnce(access, entry));
    }

    private RetrievedDocument retrieveOnce(DmpAccess access, DocumentEntry entry) {
        SoapResponse r = call(repository, DmpMessages.ACTION_ITI43,
                DmpMessages.retrieve(entry.repositoryUniqueId(), entry.uniqueId()), List.of(), access);
        try {
            DmpMessages.Retrieved found = DmpMessages.parseRetrieve(r.requireBody(), entry.uniqueId(), parser,
                    r.relatesTo().orElse(null));
            InputStream content;
            if (found.href() != null) {
                SoapAttachment a = r.attachment(found.href()).orElseThrow(() -> new ServiceFaultException(
                        "The DMP repository's response lacks the document's attachment", SERVICE, null, null, null,
                        r.relatesTo().orElse(null), null, false, null));
                content = a.open();
            } else {
                content = new ByteArrayInputStream(Base64.getMimeDecoder().decode(
                        found.inline().getTextContent().trim()));
            }
            return new RetrievedDocument(entry.uniqueId(), found.mimeType(), content, r);
        } catch (IOException e) {
            r.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ TD3.3

    /**
     * TD3.3a: masks a document to the other professionals (direct authentication only).
     *
     * @param patient  the patient
     * @param uniqueId the document's uniqueId
     * @return the entry's new version (its entryUUID has changed)
     */
    public DocumentEntry maskFromProfessionals(PatientId patient, String uniqueId) {
        return changeVisibility(patient, uniqueId, Visibility.Flag.MASKED_FROM_PROFESSIONALS, true);
    }

    /**
     * TD3.3a: unmasks a document to the other professionals (its author only, direct authentication).
     *
     * @param patient  the patient
     * @param uniqueId the document's uniqueId
     * @return the entry's new version
     */
    public DocumentEntry unmaskToProfessionals(PatientId patient, String uniqueId) {
        return changeVisibility(patient, uniqueId, Visibility.Flag.MASKED_FROM_PROFESSIONALS, false);
    }

    /**
     * TD3.3b: makes a document hidden from the patient visible to them (for example after the announcement
     * consultation).
     *
     * @param patient  the patient
     * @param uniqueId the document's uniqueId
     * @return the entry's new version
     */
    public DocumentEntry makeVisibleToPatient(PatientId patient, String uniqueId) {
        return changeVisibility(patient, uniqueId, Visibility.Flag.HIDDEN_FROM_PATIENT, false);
    }

    /**
     * TD3.3b: makes a document hidden from a minor's legal representatives visible to them.
     *
     * @param patient  the patient
     * @param uniqueId the document's uniqueId
     * @return the entry's new version
     */
    public DocumentEntry makeVisibleToLegalRepresentatives(PatientId patient, String uniqueId) {
        return changeVisibility(patient, uniqueId, Visibility.Flag.HIDDEN_FROM_LEGAL_REPRESENTATIVES, false);
    }

    /**
     * TD3.3c: deletes a document (own documents, or the structure's in indirect mode).
     *
     * @param patient  the patient
     * @param uniqueId the document's uniqueId
     */
    public void delete(PatientId patient, String uniqueId) {
        changeStatus(patient, uniqueId, DocumentStatus.DELETED, Set.of(DocumentStatus.APPROVED, DocumentStatus.ARCHIVED));
    }

    /**
     * TD3.3d: archives a document.
     *
     * @param patient  the patient
     * @param uniqueId the document's uniqueId
     */
    public void archive(PatientId patient, String uniqueId) {
        changeStatus(patient, uniqueId, DocumentStatus.ARCHIVED, Set.of(DocumentStatus.APPROVED));
    }

    /**
     * TD3.3d: brings an archived document back.
     *
     * @param patient  the patient
     * @param uniqueId the document's uniqueId
     */
    public void unarchive(PatientId patient, String uniqueId) {
        changeStatus(patient, uniqueId, DocumentStatus.APPROVED, Set.of(DocumentStatus.ARCHIVED));
    }

    private record Current(DocumentEntry entry, Element extrinsicObject) {
    }

    /** Re-reads the entry by uniqueId (its entryUUID changes with every update) and keeps the registry's own XML. */
    private Current current(DmpAccess access, String uniqueId) {
        SoapBodyPayload payload = iti18.build(DocumentQuery.byUniqueIds(uniqueId));
        return retryPolicy.execute(() -> currentOnce(access, uniqueId, payload));
    }

    private Current currentOnce(DmpAccess access, String uniqueId, SoapBodyPayload payload) {
        try (SoapResponse r = call(registry, DmpMessages.ACTION_ITI18, payload.body(), List.of(), access)) {
            SearchResult result = parser.parseQueryResponse(r.requireBody(), r.relatesTo().orElse(null));
            for (DocumentEntry e : result.entries()) {
                if (uniqueId.equals(e.uniqueId()) && e.status() != DocumentStatus.DEPRECATED) {
                    Element eo = DmpMessages.extrinsicObject(r.requireBody(), e.entryUuid());
                    if (eo != null) {
                        return new Current(e, eo);
                    }
                }
            }
            throw new ServiceFaultException("The DMP has no current entry for this document", SERVICE,
                    "XDSDocumentUniqueIdError", null, null, r.relatesTo().orElse(null), null, false, null);
        }
    }

    private DmpMessages.UpdateSet updateSet(PatientId patient) {
        Violations v = new Violations();
        v.require(sourceId != null && updateContentType != null, "submissionSource",
                "is required for metadata updates: set it on the builder");
        v.throwIfAny();
        return new DmpMessages.UpdateSet(patient.toCx(), sourceId, Ids.newOid(), updateContentType, Instant.now());
    }

    private DocumentEntry changeVisibility(PatientId patient, String uniqueId, Visibility.Flag flag, boolean set) {
        DmpAccess access = DmpAccess.of(patient);
        requireUniqueId(uniqueId);
        DmpMessages.UpdateSet updateSet = updateSet(patient);
        Current c = current(access, uniqueId);
        java.util.EnumSet<Visibility.Flag> flags = java.util.EnumSet.noneOf(Visibility.Flag.class);
        flags.addAll(c.entry().visibility().flags());
        if (set) {
            flags.add(flag);
        } else {
            flags.remove(flag);
        }
        Element body = DmpMessages.visibilityUpdate(updateSet, c.extrinsicObject(), Visibility.of(flags));
        try (SoapResponse r = call(registry, DmpMessages.ACTION_ITI57, body, List.of(), access)) {
            parser.parseRegistryResponse(r.requireBody(), r.relatesTo().orElse(null));
        }
        return current(access, uniqueId).entry();
    }

    private void changeStatus(PatientId patient, String uniqueId, DocumentStatus to, Set<DocumentStatus> from) {
        DmpAccess access = DmpAccess.of(patient);
        requireUniqueId(uniqueId);
        DmpMessages.UpdateSet updateSet = updateSet(patient);
        Current c = current(access, uniqueId);
        if (!from.contains(c.entry().status())) {
            throw new InvalidRequestException(List.of(new io.segursdk.core.error.Violation("document.status",
                    "is " + c.entry().status() + ": must be one of " + from)));
        }
        Element body = DmpMessages.statusUpdate(updateSet, c.extrinsicObject(), c.entry().status(), to);
        try (SoapResponse r = call(registry, DmpMessages.ACTION_ITI57, body, List.of(), access)) {
            parser.parseRegistryResponse(r.requireBody(), r.relatesTo().orElse(null));
        }
    }

    // ------------------------------------------------------------------------------------------------ TD0.4, 1.3a, 1.6

    /**
     * TD0.4: the DMPs the professional is authorised on, filtered by a date. A structure certificate (indirect mode)
     * gets the new authorisations only ({@link AuthorisedDmp.Since#LAST_AUTHORISATION}).
     *
     * @param since     the start date, in the DMP's local time
     * @param criterion which date the list is filtered by
     * @return the DMPs, in the DMP's order
     */
    public List<AuthorisedDmp> listAuthorisedDmps(LocalDateTime since, AuthorisedDmp.Since criterion) {
        Violations v = new Violations();
        v.require(since != null, "since", "is required");
        v.require(criterion != null, "criterion", "is required");
        v.throwIfAny();
        SoapRequest req = SoapRequest.builder().action(DmpAdminMessages.ACTION_TD04)
                .body(DmpAdminMessages.patientList(since, criterion)).securityToken(vihf.issueWithoutPatient()).build();
        try (SoapResponse r = patientsSpecific.call(req)) {
            return DmpAdminMessages.parsePatientList(r.requireBody(), r.relatesTo().orElse(null));
        }
    }

    /**
     * TD1.6: the professionals authorised on, or blocked from, the patient's DMP (direct authentication, normal
     * access, by an authorised professional).
     *
     * @param patient the patient
     * @return the professionals
     */
    public List<ProfessionalAuthorisation> listProfessionals(PatientId patient) {
        DmpAccess access = DmpAccess.of(patient);
        try (SoapResponse r = call(habilitations, DmpAdminMessages.ACTION_TD16, DmpAdminMessages.listAuthorizations(),
                List.of(), access)) {
            return DmpAdminMessages.parseAuthorizations(r.requireBody(), r.relatesTo().orElse(null));
        }
    }

    /**
     * TD1.3a: the DMP's administrative data (identity as the DMP holds it, contact details, the patient's
     * oppositions to emergency access).
     *
     * @param access the patient and context
     * @return the data, or empty when the patient has no DMP
     */
    public Optional<DmpAdministrativeData> administrativeData(DmpAccess access) {
        requireAccess(access);
        try (SoapResponse r = call(patients, DmpAdminMessages.ACTION_TD13A,
                DmpAdminMessages.administrativeData(access.patient(), software), List.of(), access)) {
            return Optional.ofNullable(DmpAdminMessages.parseAdministrativeData(r.requireBody(),
                    r.relatesTo().orElse(null)));
        }
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private void refuseAgainstOpposition(PatientId patient, PatientOppositionException.Kind kind) {
        Optional<DmpPatientChoices> found = patientChoices.find(patient);
        if (found == null || found.isEmpty()) {
            return;
        }
        DmpPatientChoices c = found.get();
        if (!c.patient().equals(patient)) {
            throw InvalidRequestException.of("patientChoices", "the lookup answered for another patient");
        }
        if (kind == PatientOppositionException.Kind.FEEDING ? !c.mayFeed() : !c.mayConsult()) {
            throw new PatientOppositionException(kind);
        }
    }

    private static void requireAccess(DmpAccess access) {
        if (access == null) {
            throw InvalidRequestException.of("access", "is required");
        }
    }

    private static void requireUniqueId(String uniqueId) {
        if (!Ids.isDocumentUniqueId(uniqueId)) {
            throw InvalidRequestException.of("uniqueId", "must be the document's uniqueId (an OID, or root^extension)");
        }
    }

    private SoapResponse call(SoapClient client, String action, Element body, List<MtomAttachment> attachments,
                              DmpAccess access) {
        SoapRequest.Builder req = SoapRequest.builder().action(action).body(body)
                .securityToken(vihf.issue(access));
        for (MtomAttachment a : attachments) {
            req.attachment(SoapAttachment.of(a.contentId(), a.contentType(), a.content()::open));
        }
        return client.call(req.build());
    }

    /** Closes the connections of the four DMP services. */
    @Override
    public void close() {
        patients.close();
        patientsSpecific.close();
        habilitations.close();
        registry.close();
        repository.close();
    }

    @Override
    public String toString() {
        return "DmpClient[" + registry.endpoint() + ", " + vihf + "]";
    }

    /** Builds {@link DmpClient}; {@link #build()} reports every configuration problem at once. */
    public static final class Builder {
        private URI baseUri;
        private SigningCredential tlsCredential;
        private TlsOptions tls;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private Vihf vihf;
        private SoftwareInfo software;
        private String sourceId;
        private CodedValue updateContentType;
        private PhiRedactor redactor = defaultRedactor();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private long maxResponseBytes = SoapClient.DEFAULT_MAX_RESPONSE_BYTES;
        private RetryPolicy feedRetryPolicy = RetryPolicy.none();
        private DmpValueSets valueSets;
        private DmpPatientChoices.Lookup patientChoices;

        private Builder() {
        }

        /**
         * How idempotent calls (searches, ITI-18; retrievals, ITI-43; the reads before a metadata update) are sent
         * again after a retryable failure; {@link RetryPolicy#defaults()} unless set. Its first backoff is also the
         * wait before checking whether a failed feed landed.
         *
         * @param policy the policy; {@link RetryPolicy#none()} for no retry
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /**
         * @param sets the value sets a feed's codes are checked against; {@link DmpValueSets#bundled()} by default
         * @return this builder
         */
        public Builder valueSets(DmpValueSets sets) {
            this.valueSets = sets;
            return this;
        }

        /**
         * How often a feed (ITI-41) may be sent again after a retryable failure, once a search by its uniqueId has
         * shown that it did not land; {@link RetryPolicy#none()} unless set (the feed is then checked but not sent
         * again: the caller decides).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder feedRetryPolicy(RetryPolicy policy) {
            this.feedRetryPolicy = policy;
            return this;
        }

        /**
         * Where the client reads each patient's recorded information and oppositions ({@link DmpPatientChoices})
         * before every feed, search and retrieve; required, so that no call can forget them. Software that records
         * none passes {@link DmpPatientChoices.Lookup#NOT_RECORDED} explicitly.
         *
         * @param lookup the lookup, usually backed by the practice software's patient file
         * @return this builder
         */
        public Builder patientChoices(DmpPatientChoices.Lookup lookup) {
            this.patientChoices = lookup;
            return this;
        }

        /**
         * @param uri the DMP services' base, for example {@code https://lps2.dmp.gouv.fr/si-dmp-server/v2/services/};
         *            the services {@code patients}, {@code habilitations}, {@code registry} and {@code repository}
         *            are under it
         * @return this builder
         */
        public Builder baseUri(URI uri) {
            this.baseUri = uri;
            return this;
        }

        /**
         * @param credential the TLS client identity: the structure's ORG_AUTH_CLI certificate in indirect modes, the
         *                   card's authentication key in direct mode
         * @return this builder
         */
        public Builder tlsCredential(SigningCredential credential) {
            this.tlsCredential = credential;
            return this;
        }

        /**
         * @param options trust anchors (IGC-Santé) and TLS settings
         * @return this builder
         */
        public Builder tls(TlsOptions options) {
            this.tls = options;
            return this;
        }

        /**
         * @param bytes the largest SOAP envelope accepted in a response (default
         *              {@link SoapClient#DEFAULT_MAX_RESPONSE_BYTES}, at least 1024, checked by {@code build()}); a
         *              larger answer fails with a non-retryable {@link io.segursdk.core.error.TransportException},
         *              nothing held in memory
         * @return this builder
         */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * @param newTimeouts connect and read limits
         * @return this builder
         */
        public Builder timeouts(Timeouts newTimeouts) {
            this.timeouts = newTimeouts;
            return this;
        }

        /**
         * @param issuer the VIHF issuer for the professional or structure; it also gives the software information
         * @return this builder
         */
        public Builder vihf(Vihf issuer) {
            this.vihf = issuer;
            return this;
        }

        /**
         * @param info the software (HL7 v3 sender); taken from the VIHF when not set
         * @return this builder
         */
        public Builder software(SoftwareInfo info) {
            this.software = info;
            return this;
        }

        /**
         * What metadata updates (TD3.3) put in their submission set.
         *
         * @param sourceOid   the OID of the sending system
         * @param contentType the submission set's content type (JDV_J59)
         * @return this builder
         */
        public Builder submissionSource(String sourceOid, CodedValue contentType) {
            this.sourceId = sourceOid;
            this.updateContentType = contentType;
            return this;
        }

        /**
         * @param newRedactor the wire log's redactor; {@link #defaultRedactor()} when not set
         * @return this builder
         */
        public Builder redactor(PhiRedactor newRedactor) {
            this.redactor = newRedactor;
            return this;
        }

        /**
         * @return the client
         * @throws InvalidRequestException listing every problem
         */
        public DmpClient build() {
            Violations v = new Violations();
            v.require(baseUri != null && "https".equalsIgnoreCase(baseUri.getScheme()), "dmp.baseUri",
                    "is required: an https URL");
            v.require(tlsCredential != null, "dmp.tlsCredential", "is required (mutual TLS)");
            v.require(tls != null, "dmp.tls", "is required");
            v.require(vihf != null, "dmp.vihf", "is required");
            v.require(timeouts != null, "dmp.timeouts", "must not be null");
            v.require(redactor != null, "dmp.redactor", "must not be null");
            v.require(retryPolicy != null, "dmp.retryPolicy", "must not be null");
            v.require(feedRetryPolicy != null, "dmp.feedRetryPolicy", "must not be null");
            v.require(patientChoices != null, "dmp.patientChoices",
                    "is required: the lookup of the patients' oppositions (or DmpPatientChoices.Lookup.NOT_RECORDED)");
            v.require(sourceId == null || Ids.isOid(sourceId), "dmp.submissionSource.sourceId", "must be an OID");
            v.require(updateContentType == null
                    || CodedValue.CONTENT_TYPE_SYSTEM.equals(updateContentType.codeSystem()),
                    "dmp.submissionSource.contentType", "must be in " + CodedValue.CONTENT_TYPE_SYSTEM);
            v.throwIfAny();
            if (software == null) {
                software = vihf.software();
            }
            if (valueSets == null) {
                valueSets = DmpValueSets.bundled();
            }
            return new DmpClient(this);
        }
    }
}
