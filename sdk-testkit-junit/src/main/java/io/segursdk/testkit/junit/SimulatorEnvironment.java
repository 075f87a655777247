package io.segursdk.testkit.junit;

import io.segursdk.core.auth.psc.ClientAuthentication;
import io.segursdk.core.auth.psc.PscClient;
import io.segursdk.core.auth.psc.PscEnvironment;
import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.dmp.AuthenticationMode;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpPatientChoices;
import io.segursdk.dmp.Vihf;
import io.segursdk.ins.InsiClient;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteClient;
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

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;

/**
 * The simulators, test PKI, credentials and clients of one {@link SegurSimulators} test class. The extension creates
 * it before the class's first test and closes everything it holds after the last one; tests receive it by parameter
 * or {@link SegurInject} field. Thread-safe.
 *
 * <p>The test data it uses is fixed and fictitious: the structure {@value #STRUCTURE_ID}, the physician with RPPS
 * {@value #PHYSICIAN_RPPS} (national id {@value #PHYSICIAN_NATIONAL_ID}), the Pro Santé Connect client
 * {@value #PSC_CLIENT_ID}.
 */
public final class SimulatorEnvironment {

    /** The structure id of the INSi organisation certificate (its OU, the INSi {@code Emetteur}). */
    public static final String STRUCTURE_ID = "10B0152872";
    /** The structure id the DMP VIHF carries (FINESS-like). */
    public static final String DMP_STRUCTURE_ID = "499900063480001";
    /** The test physician's RPPS number. */
    public static final String PHYSICIAN_RPPS = "10001234567";
    /** The test physician's national id ({@code 8} + RPPS). */
    public static final String PHYSICIAN_NATIONAL_ID = "8" + PHYSICIAN_RPPS;
    /** The client id registered with the Pro Santé Connect simulator. */
    public static final String PSC_CLIENT_ID = "segur-testkit-lps";
    /** The test physician's MSSanté mailbox at the mail operator. */
    public static final String PHYSICIAN_MAILBOX = "camille.testmedecin@" + MailOperator.DEFAULT_PROFESSIONAL_DOMAIN;
    /** The client secret registered with the Pro Santé Connect simulator. */
    public static final String PSC_CLIENT_SECRET = "segur-testkit-secret";

    private final Set<Simulator> simulators;
    private final SoftwareInfo software;
    private final List<ClientCustomizer> customizers;
    private final TestPki pki = TestPki.create();
    private final TlsOptions trust;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private SimulatorServer insiServer;
    private volatile InsiSimulator insiSimulator;
    private volatile DmpSimulator dmpSimulator;
    private volatile PscSimulator pscSimulator;
    private volatile MailOperator mailOperator;
    private SigningCredential organisation;
    private SigningCredential physicianAuthentication;
    private SigningCredential physicianSignature;
    private InsiClient insiClient;
    private DmpClient dmpClient;
    private PscClient pscClient;
    private MssanteClient mssanteClient;
    private boolean closed;

    SimulatorEnvironment(Collection<Simulator> simulators, SoftwareInfo software, List<ClientCustomizer> customizers) {
        this.simulators = simulators.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(simulators));
        this.software = software;
        this.customizers = List.copyOf(customizers);
        this.trust = TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();
    }

    /** Starts the chosen simulators; on failure, closes what started and rethrows. */
    synchronized void start() {
        try {
            if (simulators.contains(Simulator.INSI)) {
                insiServer = closeAtEnd(SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build().start());
                insiSimulator = InsiSimulator.builder()
                        .authorisationNumber(software.insiAuthorisationNumber().orElseThrow(() ->
                                new IllegalStateException("@SegurSoftware: INSi needs an insiAuthorisationNumber")))
                        .install(insiServer);
            }
            if (simulators.contains(Simulator.DMP)) {
                dmpSimulator = closeAtEnd(DmpSimulator.start(pki));
            }
            if (simulators.contains(Simulator.PSC)) {
                pscSimulator = closeAtEnd(PscSimulator.builder(pki)
                        .client(RegisteredClient.secret(PSC_CLIENT_ID, PSC_CLIENT_SECRET))
                        .professional(TestProfessional.physician(PHYSICIAN_RPPS, "TESTMEDECIN", "CAMILLE"))
                        .build()
                        .start());
            }
            if (simulators.contains(Simulator.MAIL)) {
                // false: skip the class; under CI=true, a missing Dovecot or Postfix throws instead
                Assumptions.assumeTrue(MailOperator.checkInstalled(), MailOperator.INSTALL_HINT);
                MailOperator.Builder mail = MailOperator.builder(pki);
                Set<String> patients = new java.util.TreeSet<>();
                for (InsiPersona persona : InsiPersonas.all()) {
                    patients.add(patientMailbox(persona.activeIns().matricule()));
                }
                patients.forEach(address -> mail.user(address, "testkit-patient"));
                mailOperator = closeAtEnd(mail.start());
            }
            for (ClientCustomizer c : customizers) {
                c.simulatorsStarted(this);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** @return the simulators started for this class */
    public Set<Simulator> simulators() {
        return simulators;
    }

    /** @return the test PKI that issued every server and client certificate of this class */
    public TestPki pki() {
        return pki;
    }

    /** @return TLS options trusting the test PKI's root: what a client needs to reach the simulators */
    public TlsOptions trust() {
        return trust;
    }

    /** @return the software identity the clients send ({@link SegurSoftware}) */
    public SoftwareInfo software() {
        return software;
    }

    /**
     * @return the INSi simulator
     * @throws IllegalStateException when {@link Simulator#INSI} was not chosen
     */
    public InsiSimulator insiSimulator() {
        return require(insiSimulator, Simulator.INSI);
    }

    /**
     * @return the DMP simulator
     * @throws IllegalStateException when {@link Simulator#DMP} was not chosen
     */
    public DmpSimulator dmpSimulator() {
        return require(dmpSimulator, Simulator.DMP);
    }

    /**
     * @return the Pro Santé Connect simulator
     * @throws IllegalStateException when {@link Simulator#PSC} was not chosen
     */
    public PscSimulator pscSimulator() {
        return require(pscSimulator, Simulator.PSC);
    }

    /**
     * @return the mail operator, whose {@link MailOperator#awaitDelivered} reads what a patient's mailbox received
     * @throws IllegalStateException when {@link Simulator#MAIL} was not chosen
     */
    public MailOperator mailOperator() {
        return require(mailOperator, Simulator.MAIL);
    }

    /**
     * The mailbox of a patient at the mail operator: the INS matricule (15 characters) at
     * {@link MailOperator#PATIENT_DOMAIN}, as {@code MssanteClient.patientAddress} rebuilds it. Every INSi persona has
     * one.
     *
     * @param insMatricule the patient's INS, with its key
     * @return the address
     */
    public static String patientMailbox(String insMatricule) {
        return insMatricule + "@" + MailOperator.PATIENT_DOMAIN;
    }

    /** @return the structure's INSi software certificate ({@code CN=INSI-AUTO}, OU {@value #STRUCTURE_ID}) */
    public synchronized SigningCredential organisationCredential() {
        if (organisation == null) {
            organisation = credential(pki.issueOrganisation(OrganisationProfile.insiAuto(STRUCTURE_ID)));
        }
        return organisation;
    }

    /** @return the test physician's CPS authentication credential (mutual TLS) */
    public synchronized SigningCredential physicianAuthentication() {
        if (physicianAuthentication == null) {
            physicianAuthentication = credential(pki.issueCps(CpsProfile.physician(PHYSICIAN_RPPS)));
        }
        return physicianAuthentication;
    }

    /** @return the test physician's CPS signature credential (VIHF, assertion PS) */
    public synchronized SigningCredential physicianSignature() {
        if (physicianSignature == null) {
            physicianSignature = credential(pki.issueCps(
                    CpsProfile.physician(PHYSICIAN_RPPS).toBuilder().usage(CpsUsage.SIGNATURE).build()));
        }
        return physicianSignature;
    }

    /**
     * The INSi client the extension injects: software-certificate mode, customized; built on first use, closed by the
     * extension.
     *
     * @return the shared client
     */
    public synchronized InsiClient insiClient() {
        if (insiClient == null) {
            insiClient = closeAtEnd(insiClientBuilder().build());
        }
        return insiClient;
    }

    /**
     * A new builder holding what {@link #insiClient()} is built from, customizers applied: change anything, build, and
     * close the client yourself (or pass it to {@link #closeAtEnd(AutoCloseable)}).
     *
     * @return a new builder
     */
    public InsiClient.Builder insiClientBuilder() {
        InsiClient.Builder b = InsiClient.builder()
                .endpoint(insiSimulator().endpoint())
                .organisationCertificate(organisationCredential())
                .tls(trust)
                .software(software);
        customizers.forEach(c -> c.insi(b, this));
        return b;
    }

    /**
     * The DMP client the extension injects: the test physician in direct authentication (CPS for TLS and for the
     * VIHF), customized; built on first use, closed by the extension.
     *
     * @return the shared client
     */
    public synchronized DmpClient dmpClient() {
        if (dmpClient == null) {
            dmpClient = closeAtEnd(dmpClientBuilder().build());
        }
        return dmpClient;
    }

    /**
     * A new builder holding what {@link #dmpClient()} is built from, customizers applied.
     *
     * @return a new builder
     */
    public DmpClient.Builder dmpClientBuilder() {
        DmpClient.Builder b = DmpClient.builder()
                .baseUri(dmpSimulator().baseUri())
                .tlsCredential(physicianAuthentication())
                .tls(trust)
                .vihf(physicianVihf().build())
                // Test clients record no patient choices; a customizer sets a lookup to test oppositions.
                .patientChoices(DmpPatientChoices.Lookup.NOT_RECORDED);
        customizers.forEach(c -> c.dmp(b, this));
        return b;
    }

    /**
     * The VIHF of the test physician (direct authentication, general practitioner, structure
     * {@value #DMP_STRUCTURE_ID}), to change and pass to {@link #dmpClientBuilder()}.
     *
     * @return a new VIHF builder
     */
    public Vihf.Builder physicianVihf() {
        return Vihf.builder()
                .mode(AuthenticationMode.DIRECT)
                .professional(PHYSICIAN_NATIONAL_ID, "TESTMEDECIN CAMILLE")
                .profession(Vihf.profession("10", "Médecin"))
                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                .structureId(DMP_STRUCTURE_ID)
                .activitySector("SA07")
                .software(software)
                .signingCredential(physicianSignature());
    }

    /**
     * The Pro Santé Connect client the extension injects: client {@value #PSC_CLIENT_ID} with its secret,
     * customized; built on first use, closed by the extension.
     *
     * @return the shared client
     */
    public synchronized PscClient pscClient() {
        if (pscClient == null) {
            pscClient = closeAtEnd(pscClientBuilder().build());
        }
        return pscClient;
    }

    /**
     * A new builder holding what {@link #pscClient()} is built from, customizers applied.
     *
     * @return a new builder
     */
    public PscClient.Builder pscClientBuilder() {
        PscSimulator psc = pscSimulator();
        PscClient.Builder b = PscClient.builder()
                .environment(PscEnvironment.custom(psc.issuer()))
                .clientId(PSC_CLIENT_ID)
                .clientAuthentication(ClientAuthentication.clientSecretBasic(PSC_CLIENT_SECRET))
                .tls(TlsOptions.builder().addTrustAnchor(psc.trustAnchor()).build());
        customizers.forEach(c -> c.psc(b, this));
        return b;
    }

    /**
     * The MSSanté client the extension injects: the test physician's mailbox {@value #PHYSICIAN_MAILBOX}, XOAUTH2 with
     * the operator's access tokens, ANS cipher suites, test environment; customized; built on first use, closed by the
     * extension.
     *
     * @return the shared client
     */
    public synchronized MssanteClient mssanteClient() {
        if (mssanteClient == null) {
            mssanteClient = closeAtEnd(mssanteClientBuilder().build());
        }
        return mssanteClient;
    }

    /**
     * A new builder holding what {@link #mssanteClient()} is built from, customizers applied.
     *
     * @return a new builder
     */
    public MssanteClient.Builder mssanteClientBuilder() {
        MailOperator operator = mailOperator();
        MssanteClient.Builder b = MssanteClient.builder()
                .smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(trust.toBuilder().ansCipherSuitesOnly(true).build())
                .authentication(MssanteAuthentication.xoauth2(() -> operator.accessToken(PHYSICIAN_MAILBOX)))
                .mailbox(PHYSICIAN_MAILBOX)
                .environment(MssanteEnvironment.TEST)
                .productReference(software.productName() + "-" + software.productVersion());
        customizers.forEach(c -> c.mssante(b, this));
        return b;
    }

    /**
     * Closes a resource with the environment, after the class's last test (resources close in reverse order of
     * registration, before the simulators they use).
     *
     * @param resource what to close
     * @param <T>      its type
     * @return the resource
     */
    public synchronized <T extends AutoCloseable> T closeAtEnd(T resource) {
        if (closed) {
            throw new IllegalStateException("the simulators of this test class are already closed");
        }
        resources.push(resource);
        return resource;
    }

    /** @return whether the extension closed this environment */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes every client and simulator, most recent first; idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the simulators of a test class failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private <T> T require(T value, Simulator simulator) {
        if (value == null) {
            throw new IllegalStateException(simulator + " was not started: add Simulator." + simulator
                    + " to @SegurSimulators");
        }
        return value;
    }

    private static SigningCredential credential(IssuedCredential issued) {
        return SoftwareCredential.of(issued.privateKey(), issued.chain());
    }

    @Override
    public String toString() {
        return "SimulatorEnvironment" + simulators + (closed ? " (closed)" : "");
    }
}
