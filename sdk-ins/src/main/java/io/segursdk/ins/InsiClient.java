package io.segursdk.ins;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.error.Violations;
import io.segursdk.core.logging.PhiRedactor;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.ins.internal.insi.InsiFaults;
import io.segursdk.ins.internal.insi.InsiHeaders;
import io.segursdk.ins.internal.insi.InsiNs;
import io.segursdk.ins.internal.insi.InsiResponseParser;
import io.segursdk.ins.internal.insi.Xml;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Client of the CNAM's INSi téléservice (WSDL 1.5.0): fetches a patient's INS from the identity traits or from the
 * carte Vitale data, and verifies an INS received from elsewhere. Immutable and thread-safe: build one per
 * configuration, share it, close it when the application stops.
 *
 * <p>Two ways to authenticate, chosen at build time:
 * <ul>
 * <li><b>software certificate</b> ({@link Builder#organisationCertificate(SigningCredential)}): mutual TLS with the
 *     structure's IGC-Santé organisation certificate, whose CN must be {@code INSI-AUTO} (unattended calls) or
 *     {@code INSI-MANU} (calls a user triggers); the {@code Emetteur} is the certificate's OU;</li>
 * <li><b>professional card</b> ({@link Builder#professional(InsiProfessional)}): server-authenticated TLS and an
 *     assertion PS (SAML 2.0) signed with the card's signature key in {@code wsse:Security}, built afresh for each
 *     call; the {@code Emetteur} is the professional's national id.</li>
 * </ul>
 *
 * <p>Every call sends ContexteLPS (the software's INSi authorisation number as {@code IDAM R="4"}, its version, the
 * installation id, {@code urn:lps:<name>:<version>}), ContexteBAM (with {@code COUVERTURE}, empty for a search by
 * traits), {@code wsa:Action} and a fresh {@code wsa:MessageID uuid:...}. Requests are checked before any network
 * activity: an invalid request throws {@link InvalidRequestException} and nothing is sent.
 *
 * <p>Errors: {@link InsiAccessDeniedException} (unknown authorisation number, certificate without INSi rights),
 * {@link io.segursdk.core.error.AuthenticationException} (assertion PS or TLS certificate refused),
 * {@link ServiceFaultException} (other faults, with the CNAM's detail code such as {@code insi_24} and message;
 * retryable when the service is at fault), {@link TransportException} (network, TLS, unreadable response).
 *
 * <p>INSi must be called as patients come, not to sweep a whole database (calls are traced by the CNAM).
 */
public final class InsiClient implements AutoCloseable {

    /** Qualification (test) endpoint, software-certificate mode. */
    public static final URI QUALIFICATION_MTLS_ENDPOINT = URI.create("https://qualiflps-services-ps-tlsm.ameli.fr/lps");
    /** Qualification (test) endpoint, professional-card mode. */
    public static final URI QUALIFICATION_CARD_ENDPOINT = URI.create("https://qualiflps.services-ps.ameli.fr/lps");
    /** Production endpoint, software-certificate mode. */
    public static final URI PRODUCTION_MTLS_ENDPOINT = URI.create("https://services-ps-tlsm.ameli.fr/lps");
    /** Production endpoint, professional-card mode (to confirm against the CNAM's integration guide). */
    public static final URI PRODUCTION_CARD_ENDPOINT = URI.create("https://services-ps.ameli.fr/lps");

    private static final Logger LOG = LoggerFactory.getLogger(InsiClient.class);

    /** Which INSi platform a client talks to when no explicit endpoint is given. */
    public enum Environment {
        /** The CNAM's qualification platform (test identities). */
        QUALIFICATION,
        /** Production. */
        PRODUCTION
    }

    /** How a search by traits uses several birth first names. */
    public enum FirstNameStrategy {
        /**
         * One call per first name, in order, stopping at the first {@code 00}; then, when none matched and there are
         * several, one call with all the first names joined by spaces. The default, as the CNDA tests expect.
         */
        EACH_THEN_ALL,
        /** A single call with all the first names joined by spaces. */
        ALL_ONLY
    }

    private final SoapClient soap;
    private final InsiHeaders headers;
    private final InsiProfessional professional;
    private final Clock clock;
    private final FirstNameStrategy strategy;
    private final boolean strictVerification;
    private final RetryPolicy retryPolicy;

    private InsiClient(Builder b, URI endpoint, String emitter) {
        SoftwareInfo s = b.software;
        this.headers = new InsiHeaders(b.lpsVersion, b.bamVersion, s.insiAuthorisationNumber().orElseThrow(),
                s.productVersion(), s.installationId().toString(), s.lpsUrn(), emitter);
        this.professional = b.professional;
        this.clock = b.clock;
        this.strategy = b.strategy;
        this.strictVerification = b.strictVerification;
        this.retryPolicy = b.retryPolicy;
        this.soap = SoapClient.builder()
                .service("INSi")
                .endpoint(endpoint)
                .credential(b.organisationCertificate)
                .tls(b.tls)
                .timeouts(b.timeouts)
                .maxResponseBytes(b.maxResponseBytes)
                .faultClassifier(InsiFaults.KEEP_DETAILS)
                .redactor(redactor())
                .build();
    }

    /**
     * The wire log's redactor: the SDK's defaults plus the INSi elements they do not name.
     *
     * @return the redactor used by INSi clients
     */
    public static PhiRedactor redactor() {
        return PhiRedactor.defaults().toBuilder()
                .elements("RangNaissance", "MatriculeIndividu", "MatriculeOD", "TIQ", "Num", "DateCertification")
                .build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the endpoint called */
    public URI endpoint() {
        return soap.endpoint();
    }

    /** @return whether calls carry an assertion PS (professional-card mode) rather than a software certificate */
    public boolean isCardMode() {
        return professional != null;
    }

    // -------------------------------------------------------------------------------------------------- operations

    /**
     * Searches the INS by identity traits ({@code rechercherInsAvecTraitsIdentite}). With several birth first names
     * and the default {@link FirstNameStrategy#EACH_THEN_ALL}, makes one call per first name in order, stopping at
     * the first identity found, then one call with all the first names; {@link InsiResult#attempts()} lists them.
     * The birth place is sent when the traits have one (it separates homonyms).
     *
     * @param traits the patient's traits (birth name, birth first names, sex, birth date, optional birth place)
     * @return the result
     * @throws InvalidRequestException before any call, when the traits cannot be searched (sex undetermined, a date
     *                                 that does not exist)
     */
    public InsiResult searchByTraits(IdentityTraits traits) {
        return search(traits, InsiRetrieval.Operation.SEARCH_BY_TRAITS, CallGate.OPEN);
    }

    /**
     * Searches the INS of a local identity, refusing (as the RNIV requires) a doubtful or fictitious one.
     *
     * @param identity the local identity
     * @return the result
     * @throws IdentityRuleException before any call, when the identity is doubtful or fictitious
     */
    public InsiResult searchByTraits(PatientIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        identity.requireInsiCallAllowed();
        return searchByTraits(identity.traits());
    }

    /**
     * Searches the INS with the data of a carte Vitale ({@code rechercherInsAvecCarteVitale}). The ContexteBAM's
     * {@code COUVERTURE} carries the card's insured person and beneficiary; {@code wsse:Security} carries the
     * Vitale assertion (after the assertion PS in card mode).
     *
     * @param vitale          the beneficiary's data as read from the card
     * @param vitaleAssertion the signed assertion the vendor's SESAM-Vitale API produced from the card; sent as it is
     * @return the result
     * @throws InvalidRequestException before any call, when an argument is missing
     */
    public InsiResult searchWithCarteVitale(CarteVitaleData vitale, Element vitaleAssertion) {
        Violations v = new Violations();
        v.require(vitale != null, "vitale", "is required");
        v.require(vitaleAssertion != null && vitaleAssertion.getLocalName() != null, "vitaleAssertion",
                "is required: the signed Vitale assertion, as a namespace-aware element");
        v.throwIfAny();
        Document doc = SecureXml.instance().newDocument();
        Element body = doc.createElementNS(InsiNs.REC_VIT, "insi_recvit_ins:RECVITALE");
        vitale.beneficiaryNumber().ifPresent(n -> matricule(body, "MatriculeIndividu", n,
                vitale.beneficiaryKey().orElse(null)));
        matricule(body, "MatriculeOD", vitale.insuredNumber(), vitale.insuredKey().orElse(null));
        Xml.text(body, InsiNs.REC_VIT, "insi_recvit_ins:NomNaissance", vitale.birthName());
        Xml.text(body, InsiNs.REC_VIT, "insi_recvit_ins:DateNaissance", vitale.birthDate().value());
        Xml.text(body, InsiNs.REC_VIT, "insi_recvit_ins:RangNaissance", Integer.toString(vitale.birthRank()));
        Exchange x = exchange(InsiNs.ACTION_VITALE, body, bam -> coverage(bam, vitale), vitaleAssertion,
                CallGate.OPEN);
        InsiAttempt attempt = new InsiAttempt("", false, x.parsed.outcome(), x.messageId);
        return new InsiResult(InsiRetrieval.Operation.SEARCH_WITH_CARTE_VITALE, x.parsed.outcome(),
                x.parsed.identity(), List.of(attempt), x.at);
    }

    /**
     * Verifies that an INS received from elsewhere belongs to the person with these traits.
     *
     * <p>The INSi WSDL 1.5.0 has no verification operation; this method searches by the traits (with the first-names
     * strategy) and compares: the INS must be INSi's active one (a former INS gives
     * {@link InsiVerification.Outcome#INS_REPLACED}), and the five strict traits must match INSi's (ignoring what
     * {@link TraitComparison} deems non-blocking, unless the client was built with
     * {@link Builder#strictVerification(boolean) strict verification}, which requires identical traits).
     *
     * @param ins    the INS to verify
     * @param traits the traits it is claimed to belong to
     * @return the verdict, with the search and the comparison behind it
     * @throws InvalidRequestException before any call, when an argument is missing or the traits cannot be searched
     */
    public InsiVerification verify(Ins ins, IdentityTraits traits) {
        return verify(ins, traits, CallGate.OPEN);
    }

    /**
     * Verifies a list of INS with bounded concurrency, a rate limit, retries of retryable failures and a progress
     * callback (see {@link InsiBatch}). Returns at once: the batch runs on its own threads; {@link InsiBatch#await()}
     * gives exactly one result per request, in the order of the list. An invalid request (a missing INS, traits that
     * cannot be searched) is reported in its entry as an {@link InvalidRequestException} and the batch goes on.
     *
     * <p>INSi is for patients as they come: use a batch for a bounded set (the INS of documents received, a
     * day's appointments), not to sweep a whole database.
     *
     * @param requests the INS and traits to verify ({@code null} entries are reported as invalid)
     * @param options  concurrency, rate limit, retries and progress listener ({@link BatchOptions#defaults()})
     * @return the running batch
     * @throws InvalidRequestException when the list or the options are missing
     */
    public InsiBatch<InsiVerification> verifyAll(List<InsiVerificationRequest> requests, BatchOptions options) {
        Violations v = new Violations();
        v.require(requests != null, "requests", "is required");
        v.require(options != null, "options", "is required (BatchOptions.defaults() for the defaults)");
        v.throwIfAny();
        List<InsiVerificationRequest> copy = new ArrayList<>(requests);
        return InsiBatch.start("verification", copy.size(), options, (i, gate) -> {
            InsiVerificationRequest r = copy.get(i);
            if (r == null) {
                throw InvalidRequestException.of("requests[" + i + "]", "is required");
            }
            return verify(r.ins(), r.traits(), gate);
        }, result -> result.outcome().name());
    }

    /**
     * Searches the INS of a list of identities by their traits, with bounded concurrency, a rate limit, retries of
     * retryable failures and a progress callback (see {@link InsiBatch}). Returns at once; {@link InsiBatch#await()}
     * gives exactly one result per entry, in the order of the list; invalid traits are reported in their entry.
     *
     * @param traits  the traits to search ({@code null} entries are reported as invalid)
     * @param options concurrency, rate limit, retries and progress listener ({@link BatchOptions#defaults()})
     * @return the running batch
     * @throws InvalidRequestException when the list or the options are missing
     */
    public InsiBatch<InsiResult> searchAll(List<IdentityTraits> traits, BatchOptions options) {
        Violations v = new Violations();
        v.require(traits != null, "traits", "is required");
        v.require(options != null, "options", "is required (BatchOptions.defaults() for the defaults)");
        v.throwIfAny();
        List<IdentityTraits> copy = new ArrayList<>(traits);
        return InsiBatch.start("search", copy.size(), options,
                (i, gate) -> search(copy.get(i), InsiRetrieval.Operation.SEARCH_BY_TRAITS, gate),
                result -> result.outcome().name());
    }

    private InsiVerification verify(Ins ins, IdentityTraits traits, CallGate gate) {
        if (ins == null) {
            throw InvalidRequestException.of("ins", "is required");
        }
        InsiResult search = search(traits, InsiRetrieval.Operation.VERIFICATION, gate);
        if (search.outcome() == InsiOutcome.NOT_FOUND) {
            return new InsiVerification(InsiVerification.Outcome.NOT_FOUND, search, null);
        }
        if (search.outcome() == InsiOutcome.SEVERAL_FOUND) {
            return new InsiVerification(InsiVerification.Outcome.SEVERAL_FOUND, search, null);
        }
        InsiIdentity found = search.identity().orElseThrow();
        TraitComparison comparison = TraitComparison.compare(traits, found.traits());
        InsiVerification.Outcome outcome;
        if (found.activeIns().equals(ins)) {
            boolean ok = strictVerification ? comparison.identical() : comparison.matches();
            outcome = ok ? InsiVerification.Outcome.VERIFIED : InsiVerification.Outcome.TRAITS_DIFFERENT;
        } else if (found.previousIns().contains(ins)) {
            outcome = InsiVerification.Outcome.INS_REPLACED;
        } else {
            outcome = InsiVerification.Outcome.INS_DIFFERENT;
        }
        return new InsiVerification(outcome, search, comparison);
    }

    /** Releases the connections. */
    @Override
    public void close() {
        soap.close();
    }

    @Override
    public String toString() {
        return "InsiClient[" + soap.endpoint() + (isCardMode() ? ", card mode" : ", software certificate") + "]";
    }

    // ---------------------------------------------------------------------------------------------------- internals

    private InsiResult search(IdentityTraits traits, InsiRetrieval.Operation operation, CallGate gate) {
        checkSearchable(traits);
        List<String> names = traits.birthFirstNames();
        List<String> sent = new ArrayList<>();
        if (strategy == FirstNameStrategy.EACH_THEN_ALL && names.size() > 1) {
            sent.addAll(names);
        }
        sent.add(traits.birthFirstNamesList());
        List<InsiAttempt> attempts = new ArrayList<>();
        Exchange last = null;
        for (int i = 0; i < sent.size(); i++) {
            boolean all = i == sent.size() - 1 && (names.size() > 1 || sent.size() == 1);
            last = exchange(InsiNs.ACTION_TRAITS, traitsBody(traits, sent.get(i)), bam -> { }, null, gate);
            attempts.add(new InsiAttempt(sent.get(i), all, last.parsed.outcome(), last.messageId));
            LOG.debug("INSi search by traits: call {} of at most {}, {}", i + 1, sent.size(), last.parsed.outcome());
            if (last.parsed.outcome() == InsiOutcome.FOUND) {
                break;
            }
        }
        return new InsiResult(operation, last.parsed.outcome(), last.parsed.identity(), attempts, last.at);
    }

    private static void checkSearchable(IdentityTraits traits) {
        if (traits == null) {
            throw InvalidRequestException.of("traits", "is required");
        }
        Violations v = new Violations();
        v.require(traits.sex().isInsiSearchable(), "sex",
                "must be F or M to search INSi (an undetermined sex cannot be searched)");
        BirthDate d = traits.birthDate();
        v.require(d.isPartial() || d.isCalendarDate(), "birthDate",
                "does not exist in the calendar (a partial date uses 00 for the unknown month or day)");
        v.throwIfAny();
    }

    private static Element traitsBody(IdentityTraits traits, String prenom) {
        Document doc = SecureXml.instance().newDocument();
        Element body = doc.createElementNS(InsiNs.REC_SANS, "insi_recsans_ins:RECSANSVITALE");
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:NomNaissance", traits.birthName());
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:Prenom", prenom);
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:Sexe", traits.sex().code());
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:DateNaissance", traits.birthDate().value());
        traits.birthPlace().ifPresent(p -> Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:LieuNaissance",
                p.code()));
        return body;
    }

    private static void matricule(Element body, String name, String number, String key) {
        Element m = Xml.child(body, InsiNs.REC_VIT, "insi_recvit_ins:" + name);
        Xml.text(m, InsiNs.REC_VIT, "insi_recvit_ins:NumIdentifiant", number);
        if (key != null) {
            Xml.text(m, InsiNs.REC_VIT, "insi_recvit_ins:Cle", key);
        }
    }

    private static void coverage(Element bam, CarteVitaleData vitale) {
        Element couverture = Xml.children(bam, "COUVERTURE").get(0);
        String ns = InsiNs.CTX_BAM;
        vitale.grandRegime().ifPresent(g -> Xml.text(couverture, ns, "ctxbam:GrandRegime", g));
        vitale.organisme().ifPresent(o -> Xml.text(couverture, ns, "ctxbam:Organisme", o));
        vitale.codeCentre().ifPresent(c -> Xml.text(couverture, ns, "ctxbam:CodeCentre", c));
        Element assureId = Xml.child(Xml.child(couverture, ns, "ctxbam:ASSURE"), ns, "ctxbam:Id");
        Xml.text(assureId, ns, "ctxbam:Num", vitale.insuredNumber());
        vitale.insuredKey().ifPresent(k -> Xml.text(assureId, ns, "ctxbam:Cle", k));
        Element beneficiaire = Xml.child(couverture, ns, "ctxbam:BENEFICIAIRE");
        vitale.beneficiaryNumber().ifPresent(n -> {
            Element nir = Xml.child(beneficiaire, ns, "ctxbam:Nir");
            Xml.text(nir, ns, "ctxbam:Num", n);
            vitale.beneficiaryKey().ifPresent(k -> Xml.text(nir, ns, "ctxbam:Cle", k));
        });
        Xml.text(beneficiaire, ns, "ctxbam:DateNai", vitale.birthDate().value());
        Xml.text(beneficiaire, ns, "ctxbam:Rang", Integer.toString(vitale.birthRank()));
    }

    private record Exchange(InsiResponseParser.Parsed parsed, String messageId, Instant at) {
    }

    private Exchange exchange(String action, Element body, java.util.function.Consumer<Element> fillBam,
                              Element extraToken, CallGate gate) {
        if (gate == CallGate.OPEN) {
            // every INSi operation is a search: idempotent. Batches have their own retries (BatchOptions).
            return retryPolicy.execute(() -> exchangeOnce(action, body, fillBam, extraToken, gate));
        }
        return exchangeOnce(action, body, fillBam, extraToken, gate);
    }

    private Exchange exchangeOnce(String action, Element body, java.util.function.Consumer<Element> fillBam,
                                  Element extraToken, CallGate gate) {
        gate.beforeCall();
        Instant now = clock.instant();
        Document doc = body.getOwnerDocument();
        Element bam = headers.contexteBam(doc, UUID.randomUUID(), now);
        fillBam.accept(bam);
        String messageId = "uuid:" + UUID.randomUUID();
        SoapRequest.Builder request = SoapRequest.builder()
                .action(action)
                .messageId(messageId)
                .body(body)
                .header(headers.contexteLps(doc, UUID.randomUUID(), now))
                .header(bam);
        if (professional != null) {
            request.securityToken(assertionPs());
        }
        if (extraToken != null) {
            request.securityToken(extraToken);
        }
        try (SoapResponse response = soap.call(request.build())) {
            Element payload = response.body().orElseThrow(() -> new TransportException(
                    "INSi sent an empty response body", "INSi", messageId, 0, false, null));
            return new Exchange(InsiResponseParser.parse(payload, messageId), messageId, clock.instant());
        } catch (ServiceFaultException e) {
            throw InsiFaults.translate(e);
        }
    }

    private Element assertionPs() {
        SigningCredential card = professional.signatureCredential();
        SamlAssertionBuilder b = SamlAssertionBuilder.create()
                .clock(clock)
                .issuer(SamlName.x509Subject(card.certificate()))
                .subject(SamlName.of(professional.nationalId()).withNameQualifier("CPS"));
        professional.billingId().ifPresent(id -> b.attribute(SamlAttribute.ofText("identifiantFacturation", id)));
        professional.activitySector().ifPresent(s -> b.attribute(SamlAttribute.ofText("secteurActivite", s)));
        return b.sign(card, professional.signatureAlgorithm());
    }

    // ------------------------------------------------------------------------------------------------------ builder

    /** Builds {@link InsiClient}; {@link #build()} reports every configuration problem at once. */
    public static final class Builder {
        private URI endpoint;
        private Environment environment;
        private SigningCredential organisationCertificate;
        private InsiProfessional professional;
        private TlsOptions tls;
        private SoftwareInfo software;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private long maxResponseBytes = SoapClient.DEFAULT_MAX_RESPONSE_BYTES;
        private String emitter;
        private Clock clock = Clock.systemUTC();
        private String lpsVersion = "01_00";
        private String bamVersion = "01_02";
        private FirstNameStrategy strategy = FirstNameStrategy.EACH_THEN_ALL;
        private boolean strictVerification;

        private Builder() {
        }

        /**
         * @param uri the INSi endpoint (overrides {@link #environment(Environment)})
         * @return this builder
         */
        public Builder endpoint(URI uri) {
            this.endpoint = uri;
            return this;
        }

        /**
         * @param env the platform whose default endpoint (for the chosen authentication mode) is called when no
         *            {@link #endpoint(URI)} is given
         * @return this builder
         */
        public Builder environment(Environment env) {
            this.environment = env;
            return this;
        }

        /**
         * Software-certificate mode: mutual TLS with the structure's organisation certificate.
         *
         * @param credential the certificate and key, CN {@code INSI-AUTO} or {@code INSI-MANU}
         * @return this builder
         */
        public Builder organisationCertificate(SigningCredential credential) {
            this.organisationCertificate = credential;
            return this;
        }

        /**
         * Professional-card mode: an assertion PS signed with the card's signature key.
         *
         * @param ps the professional
         * @return this builder
         */
        public Builder professional(InsiProfessional ps) {
            this.professional = ps;
            return this;
        }

        /**
         * @param options trust anchors of INSi's server certificate (IGC-Santé), protocols, cipher suites
         * @return this builder
         */
        public Builder tls(TlsOptions options) {
            this.tls = options;
            return this;
        }

        /**
         * @param info the software's identity; {@link SoftwareInfo#insiAuthorisationNumber()} is required
         * @return this builder
         */
        public Builder software(SoftwareInfo info) {
            this.software = info;
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
         * @param t connect and read limits
         * @return this builder
         */
        public Builder timeouts(Timeouts t) {
            this.timeouts = t;
            return this;
        }

        /**
         * How a call is sent again after a retryable failure (timeout, reset connection, {@code 503}); every INSi
         * operation is a search, so retrying is harmless. {@link RetryPolicy#defaults()} unless set. Batches
         * (verifyAll, searchAll) use their {@link BatchOptions} instead.
         *
         * @param policy the policy; {@link RetryPolicy#none()} for no retry
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /**
         * @param id the {@code Emetteur} of the context headers (structure or professional id), replacing the one
         *           taken from the certificate's OU or from the professional's national id
         * @return this builder
         */
        public Builder emitter(String id) {
            this.emitter = id;
            return this;
        }

        /**
         * @param c the clock for context times, assertion instants and evidence dates
         * @return this builder
         */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /**
         * @param version the ContexteLPS {@code Version} attribute ({@code 01_00} unless set)
         * @return this builder
         */
        public Builder contexteLpsVersion(String version) {
            this.lpsVersion = version;
            return this;
        }

        /**
         * @param version the ContexteBAM {@code Version} attribute ({@code 01_02} unless set)
         * @return this builder
         */
        public Builder contexteBamVersion(String version) {
            this.bamVersion = version;
            return this;
        }

        /**
         * @param s how several birth first names are searched ({@link FirstNameStrategy#EACH_THEN_ALL} unless set)
         * @return this builder
         */
        public Builder firstNameStrategy(FirstNameStrategy s) {
            this.strategy = s;
            return this;
        }

        /**
         * @param strict whether {@link InsiClient#verify} requires traits identical to INSi's, rather than without
         *               blocking differences (off unless set)
         * @return this builder
         */
        public Builder strictVerification(boolean strict) {
            this.strictVerification = strict;
            return this;
        }

        /**
         * @return the client
         * @throws InvalidRequestException listing every configuration problem, before any network activity
         */
        public InsiClient build() {
            Violations v = new Violations();
            v.require(software != null, "insi.software", "is required");
            v.require(software == null || software.insiAuthorisationNumber().isPresent(),
                    "software.insiAuthorisationNumber",
                    "is required to call INSi: the authorisation number (IDAM) the CNDA gave the software");
            v.require((organisationCertificate == null) != (professional == null), "insi.credential",
                    "set exactly one of organisationCertificate (software-certificate mode) and professional "
                            + "(professional-card mode)");
            v.require(endpoint != null || environment != null, "insi.endpoint",
                    "is required: set the endpoint, or the environment to use its default endpoint");
            v.require(tls != null, "insi.tls", "is required (trust anchors of INSi's certificate)");
            v.require(timeouts != null, "insi.timeouts", "must not be null");
            v.require(retryPolicy != null, "insi.retryPolicy", "must not be null");
            v.require(clock != null, "insi.clock", "must not be null");
            v.require(strategy != null, "insi.firstNameStrategy", "must not be null");
            v.require(lpsVersion != null && lpsVersion.matches("[0-9A-Za-z_.]{1,16}"), "insi.contexteLpsVersion",
                    "must be a short version such as 01_00");
            v.require(bamVersion != null && bamVersion.matches("[0-9A-Za-z_.]{1,16}"), "insi.contexteBamVersion",
                    "must be a short version such as 01_02");
            String chosenEmitter = emitter;
            if (chosenEmitter == null && organisationCertificate != null) {
                chosenEmitter = organisationalUnit(organisationCertificate);
                v.require(chosenEmitter != null, "insi.emitter", "is required: the organisation certificate has no OU"
                        + " to take the structure id from");
            } else if (chosenEmitter == null && professional != null) {
                chosenEmitter = professional.nationalId();
            }
            v.require(emitter == null || !emitter.isBlank(), "insi.emitter", "must not be blank");
            v.throwIfAny();
            URI target = endpoint;
            if (target == null) {
                boolean card = professional != null;
                target = environment == Environment.PRODUCTION
                        ? (card ? PRODUCTION_CARD_ENDPOINT : PRODUCTION_MTLS_ENDPOINT)
                        : (card ? QUALIFICATION_CARD_ENDPOINT : QUALIFICATION_MTLS_ENDPOINT);
            }
            return new InsiClient(this, target, chosenEmitter);
        }

        private static String organisationalUnit(SigningCredential credential) {
            try {
                LdapName dn = new LdapName(credential.certificate().getSubjectX500Principal().getName());
                for (Rdn rdn : dn.getRdns()) {
                    if ("OU".equalsIgnoreCase(rdn.getType())) {
                        return rdn.getValue().toString();
                    }
                }
            } catch (InvalidNameException e) {
                return null;
            }
            return null;
        }
    }
}
