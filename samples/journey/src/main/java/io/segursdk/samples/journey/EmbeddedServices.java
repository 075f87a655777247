package io.segursdk.samples.journey;

import io.segursdk.cardreader.CardHolder;
import io.segursdk.cardreader.CpsCard;
import io.segursdk.cardreader.TokenSelector;
import io.segursdk.core.auth.psc.ClientAuthentication;
import io.segursdk.core.auth.psc.PscClient;
import io.segursdk.core.auth.psc.PscEnvironment;
import io.segursdk.core.auth.psc.PscSession;
import io.segursdk.core.auth.psc.PscTokens;
import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.Sex;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteEnvironment;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.insi.InsiPersona;
import io.segursdk.testkit.insi.InsiPersonas;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.mail.MailOperator;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.PscSimulator;
import io.segursdk.testkit.psc.RegisteredClient;
import io.segursdk.testkit.psc.TestProfessional;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimulatorServer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The testkit's simulators started in-process on loopback, and the journey's setup pointing at them: INSi and the
 * journey's own secured endpoint, the DMP, Pro Santé Connect (e-CPS only) and a real mail operator where Dovecot and
 * Postfix are installed. The patient is INSi's test persona BRANDEVILLE; her DMP is open and her mailbox exists.
 */
final class EmbeddedServices implements AutoCloseable {

    static final String INSI_AUTHORISATION = "JOURNEY00001";
    static final String RPPS = "10001234567";
    static final String NATIONAL_ID = "8" + RPPS;
    static final String DMP_STRUCTURE = "499900063480001";
    static final String INSI_STRUCTURE = "10B0152872";
    static final String DOCTOR_MAILBOX = "claire.martin@" + MailOperator.DEFAULT_PROFESSIONAL_DOMAIN;
    private static final String PSC_CLIENT = "segur-journey";
    private static final String PSC_SECRET = "journey-client-secret";
    private static final String OPERATOR_CLIENT = "mss-operator";
    private static final String OPERATOR_SECRET = "mss-operator-secret";
    private static final UUID INSTALLATION = UUID.fromString("6f1c1f7e-2f4e-4b8e-9d8c-2b7e1d6e5a01");

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final JourneySetup setup;

    EmbeddedServices(Identity requested) {
        TestPki pki = TestPki.create();
        try {
            Identity identity = resolve(requested);
            SimulatorServer service = open(SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build()
                    .start());
            service.route("/secure", request -> SecureEndpoint.handle(pki, request));
            InsiSimulator insi = InsiSimulator.builder().authorisationNumber(INSI_AUTHORISATION).install(service);
            DmpSimulator dmp = open(DmpSimulator.start(pki));
            InsiPersona persona = InsiPersonas.BRANDEVILLE;
            dmp.patient(persona.activeIns().matricule(), persona.activeIns().oid()).open();
            TlsOptions trust = TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();

            PscSimulator psc = identity == Identity.ECPS ? open(PscSimulator.builder(pki)
                    .client(RegisteredClient.secret(PSC_CLIENT, PSC_SECRET))
                    .client(RegisteredClient.secret(OPERATOR_CLIENT, OPERATOR_SECRET))
                    .professional(TestProfessional.physician(RPPS, "MARTIN", "CLAIRE").withEmail(DOCTOR_MAILBOX))
                    .cibaIntervalSeconds(0)
                    .build().start()) : null;

            String patientMailbox = persona.activeIns().matricule() + "@" + MailOperator.PATIENT_DOMAIN;
            MailOperator operator = null;
            String mailSkip = MailOperator.INSTALL_HINT;
            if (MailOperator.checkInstalled()) {
                MailOperator.Builder b = MailOperator.builder(pki).user(patientMailbox, "journey-patient");
                if (psc != null) {   // e-CPS: the operator accepts Pro Santé Connect's tokens, as real operators do
                    b.introspection(psc.introspectionEndpoint(), OPERATOR_CLIENT, OPERATOR_SECRET, psc.trustAnchor());
                }
                operator = open(b.start());
            }
            MailOperator mailOperator = operator;
            Optional<JourneySetup.MailSetup> mail = Optional.ofNullable(mailOperator).map(op -> {
                boolean ecps = psc != null;
                return new JourneySetup.MailSetup(op.host(), op.submissionPort(), op.host(), op.imapPort(),
                        DOCTOR_MAILBOX,
                        session -> ecps ? MssanteAuthentication.xoauth2(session.psc().orElseThrow())
                                : MssanteAuthentication.xoauth2(() -> op.accessToken(DOCTOR_MAILBOX)),
                        ecps ? "XOAUTH2 with the professional's Pro Santé Connect access token"
                                : "XOAUTH2 with an access token of the operator",
                        "SEGUR-JOURNEY-1.0", MssanteEnvironment.TEST,
                        TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).ansCipherSuitesOnly(true).build());
            });

            IssuedCredential cpsAuth = pki.issueCps(CpsProfile.physician(RPPS));
            IssuedCredential cpsSign = pki.issueCps(CpsProfile.physician(RPPS).toBuilder().usage(CpsUsage.SIGNATURE)
                    .build());
            JourneySetup.IdentitySource source = switch (identity) {
                case CARD -> () -> card(cpsAuth, cpsSign);
                case ECPS -> () -> ecps(psc);
                default -> () -> software(cpsAuth, cpsSign);
            };
            SigningCredential secureChannel = credential(pki.issueOrganisation(OrganisationProfile.insiAuto(
                    INSI_STRUCTURE)));
            JourneySetup.Probes probes = new JourneySetup.Probes() {
                @Override
                public URI secureEndpoint() {
                    return service.uri("/secure");
                }

                @Override
                public SigningCredential secureChannelCredential() {
                    return secureChannel;
                }

                @Override
                public int patientViewSize() {
                    return dmp.patient(persona.activeIns().matricule(), persona.activeIns().oid()).patientView().size();
                }

                @Override
                public List<byte[]> awaitPatientMail(int count, Duration timeout) {
                    return mailOperator.awaitDelivered(patientMailbox, count, timeout);
                }

                @Override
                public String patientDomain() {
                    return MailOperator.PATIENT_DOMAIN;
                }
            };
            setup = new JourneySetup("segur-sdk journey on the embedded simulators (identity: "
                    + identity.name().toLowerCase(java.util.Locale.ROOT) + ")",
                    InsiClient.Environment.QUALIFICATION, Optional.of(insi.endpoint()), dmp.baseUri(), trust,
                    SoftwareInfo.builder().productName("SegurJourney").productVersion("1.0.0")
                            .installationId(INSTALLATION).insiAuthorisationNumber(INSI_AUTHORISATION)
                            .dmpHomologationId("HOMOL-JOURNEY-01").build(),
                    new JourneySetup.ProfessionalInfo(NATIONAL_ID, "MARTIN CLAIRE", "10", "Médecin", "SM26",
                            "Qualifié en Médecine Générale (SM)", "123456789", "SA07"),
                    new JourneySetup.StructureInfo(DMP_STRUCTURE, "CABINET DR MARTIN", "1.2.250.1.999.1.1.4242"),
                    source,
                    Optional.of(credential(pki.issueOrganisation(OrganisationProfile.dmpAuthentication(DMP_STRUCTURE)))),
                    Optional.of(secureChannel),
                    IdentityTraits.builder().birthName("Brandeville").birthFirstNames("Maëlys", "Odile").sex(Sex.F)
                            .birthDate("1984-05-12").birthPlace("35238").build(),
                    mail, mailSkip, Optional.of(probes));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** {@link Identity#AUTO}: a SoftHSM2 card when SoftHSM2 can be used here, else software credentials. */
    static Identity resolve(Identity requested) {
        if (requested != Identity.AUTO) {
            return requested;
        }
        return SoftHsmCard.unavailable().isEmpty() ? Identity.CARD : Identity.SOFTWARE;
    }

    JourneySetup setup() {
        return setup;
    }

    private static ProfessionalSession software(IssuedCredential auth, IssuedCredential sign) {
        SigningCredential signature = credential(sign);
        String why = SoftHsmCard.unavailable().map(w -> "; no card: " + w).orElse("");
        return new ProfessionalSession("software", Optional.of(credential(auth)), Optional.of(signature),
                Optional.empty(), "software test credential (no PIN, keys in memory): " + describe(signature)
                + why, () -> { });
    }

    private static ProfessionalSession card(IssuedCredential auth, IssuedCredential sign) {
        SoftHsmCard token = SoftHsmCard.get();
        token.importCredentials(auth, sign);
        // tag::card[]
        CpsCard card = token.pkcs11().open(TokenSelector.label(token.label), token.pin());
        SigningCredential authentication = card.authenticationCredential();
        SigningCredential signature = card.signatureCredential();
        // end::card[]
        return new ProfessionalSession("card", Optional.of(authentication), Optional.of(signature), Optional.empty(),
                "test CPS on SoftHSM2 through PKCS#11, PIN checked by the token; keys never leave it: "
                        + describe(signature), card);
    }

    private static ProfessionalSession ecps(PscSimulator psc) {
        PscClient client = PscClient.builder()
                .environment(PscEnvironment.custom(psc.issuer()))
                .clientId(PSC_CLIENT)
                .clientAuthentication(ClientAuthentication.clientSecretBasic(PSC_SECRET))
                .tls(TlsOptions.builder().addTrustAnchor(psc.trustAnchor()).build())
                .build();
        return EcpsLogin.login(client, NATIONAL_ID, PscClient.CibaChannel.MOBILE, "test e-CPS approved on the PSC simulator");
    }

    static String describe(SigningCredential signature) {
        CardHolder holder = CardHolder.fromCertificate(signature.certificate());
        return "national id " + holder.nationalId() + ", profession " + holder.profession().orElse("?") + ", card "
                + holder.cardType() + " (" + holder.environment() + " environment)";
    }

    private static SigningCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // closing a simulator: nothing more to do in a sample
            }
        }
    }
}
