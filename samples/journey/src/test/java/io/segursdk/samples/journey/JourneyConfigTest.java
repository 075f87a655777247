package io.segursdk.samples.journey;

import static org.assertj.core.api.Assertions.assertThat;

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

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config FILE}: the test starts the simulators itself, on random ports, as if they were the real remote
 * services, writes a configuration file and credential files pointing at them, and runs the journey with it. Bad
 * configuration files end with a message naming the key and exit code 2, before any step runs.
 */
class JourneyConfigTest {

    private static final InsiPersona PATIENT = InsiPersonas.BRANDEVILLE;
    private static final String MAILBOX = "claire.martin@" + MailOperator.DEFAULT_PROFESSIONAL_DOMAIN;
    private static final String PATIENT_MAILBOX = PATIENT.activeIns().matricule() + "@" + MailOperator.PATIENT_DOMAIN;

    @TempDir
    static Path dir;
    static TestPki pki;
    static SimulatorServer insiServer;
    static InsiSimulator insi;
    static DmpSimulator dmp;
    static PscSimulator psc;
    static MailOperator mail;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeAll
    static void startTheRemoteServices() {
        pki = TestPki.create("REMOTE");
        insiServer = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build().start();
        insi = InsiSimulator.builder().authorisationNumber("CFG00000001").install(insiServer);
        dmp = DmpSimulator.start(pki);
        dmp.patient(PATIENT.activeIns().matricule(), PATIENT.activeIns().oid()).open();
        psc = PscSimulator.builder(pki).client(RegisteredClient.secret("cfg-lps", "cfg-secret"))
                .professional(TestProfessional.physician("10001234567", "MARTIN", "CLAIRE"))
                .cibaIntervalSeconds(0).build().start();
        if (MailOperator.checkInstalled()) {   // throws under CI=true when Dovecot or Postfix is missing
            mail = MailOperator.builder(pki).user(PATIENT_MAILBOX, "patient-pw").start();
        }
        pki.writeTo(dir.resolve("trust"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {mail, psc, dmp, insiServer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the next resource still closes
            }
        }
    }

    @Test
    void everyStepPassesAgainstTheConfiguredServices() throws Exception {
        Path config = write(softwareConfig(), "software.properties");
        int sentBefore = mail == null ? 0 : mail.delivered(PATIENT_MAILBOX).size();

        int exit = journey().execute("--config", config.toString());

        assertThat(exit).as(printed()).isZero();
        assertThat(printed()).contains("on the configured services (test, identity: software)",
                "PKCS#12 credentials: national id 810001234567", "INSi (professional-card mode", "VIHF in DIRECT mode",
                "the DMP accepted it hidden from the patient", "ITI-57 metadata update accepted");
        assertThat(dmp.patient(PATIENT.activeIns().matricule(), PATIENT.activeIns().oid()).patientView())
                .as("the document fed, made visible").isNotEmpty();
        if (mail != null) {
            assertThat(printed()).contains("XOAUTH2 with the access token of mssante.token",
                    "closing message sent with X-MSS-MES: FIN");
            List<byte[]> received = mail.awaitDelivered(PATIENT_MAILBOX, sentBefore + 2,
                    java.time.Duration.ofSeconds(20));
            assertThat(new String(received.get(received.size() - 1), StandardCharsets.UTF_8))
                    .contains("X-MSS-MES: FIN");
        } else {
            assertThat(printed()).contains("[skip] Step 5", "no mssante.* keys");
        }
        assertThat(journeyReportSkips()).allMatch(t -> t.contains("secure channel") || t.contains("Step 5"));
    }

    @Test
    void eCpsAgainstTheConfiguredProSanteConnect() throws Exception {
        Properties p = softwareConfig();
        p.setProperty("professional.identity", "ecps");
        p.setProperty("psc.issuer", psc.issuer().toString());
        p.setProperty("psc.client-id", "cfg-lps");
        p.setProperty("psc.client-secret", "${env:PSC_SECRET}");
        p.setProperty("psc.ciba-channel", "card");
        env.put("PSC_SECRET", "cfg-secret");
        p.stringPropertyNames().stream().filter(k -> k.startsWith("mssante.")).forEach(p::remove);

        int exit = journey().execute("--config", write(p, "ecps.properties").toString());

        assertThat(exit).as(printed()).isZero();
        assertThat(printed()).contains("identity: e-CPS", "for national id 810001234567",
                "software-certificate mode (the structure's certificate", "VIHF in INDIRECT_REINFORCED mode");
    }

    @Test
    void aCardThroughTheConfiguredPkcs11Library() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(SoftHsmCard.unavailable().isEmpty()
                || "true".equals(System.getenv("CI")), () -> SoftHsmCard.unavailable().orElse(""));
        SoftHsmCard token = SoftHsmCard.get();
        token.importCredentials(pki.issueCps(CpsProfile.physician("10001234567")),
                pki.issueCps(CpsProfile.physician("10001234567").toBuilder().usage(CpsUsage.SIGNATURE).build()));
        Properties p = softwareConfig();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("professional.pkcs12.")).forEach(p::remove);
        p.setProperty("professional.identity", "card");
        p.setProperty("professional.pkcs11.library", token.library.toString());
        p.setProperty("professional.pkcs11.token-label", token.label);
        p.setProperty("professional.pkcs11.pin", "${env:CPS_PIN}");
        env.put("CPS_PIN", new String(token.pin()));

        int exit = journey().execute("--config", write(p, "card.properties").toString());

        assertThat(exit).as(printed()).isZero();
        assertThat(printed()).contains("identity: card", "CPS through PKCS#11", "PIN checked by the card");
    }

    // ------------------------------------------------------------------------------------------- bad configurations

    @Test
    void aMissingKeyIsNamed() throws Exception {
        Properties p = softwareConfig();
        p.remove("dmp.base-uri");
        assertRefused(p, "dmp.base-uri: missing (required)");
    }

    @Test
    void anUnknownKeyIsNamed() throws Exception {
        Properties p = softwareConfig();
        p.setProperty("professional.pkcs11.pinn", "1234");
        assertRefused(p, "professional.pkcs11.pinn: unknown key");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() throws Exception {
        Properties p = softwareConfig();
        env.remove("CPS_P12_PASSWORD");
        assertRefused(p, "professional.pkcs12.password: the environment variable CPS_P12_PASSWORD is not set");
    }

    @Test
    void aWrongPasswordIsNamed() throws Exception {
        env.put("CPS_P12_PASSWORD", "not-the-password");
        assertRefused(softwareConfig(), "professional.pkcs12.file: cannot open");
    }

    @Test
    void badValuesAreNamed() throws Exception {
        Properties p = softwareConfig();
        p.setProperty("dmp.base-uri", "http://dmp.example/");
        assertRefused(p, "dmp.base-uri: expected an https:// URL");
        p = softwareConfig();
        p.setProperty("mssante.smtp", "localhost");
        assertRefused(p, "mssante.smtp: expected host:port");
        p = softwareConfig();
        p.setProperty("tls.trust-anchors", "trust/missing.pem");
        assertRefused(p, "tls.trust-anchors: no readable file at");
        p = softwareConfig();
        p.setProperty("patient.sex", "X");
        assertRefused(p, "patient.sex: 'X' is not one of F, M");
    }

    @Test
    void productionNeedsAnExplicitConfirmation() throws Exception {
        Properties p = softwareConfig();
        p.setProperty("journey.environment", "production");
        assertRefused(p, "journey.confirm-production: must be 'yes'");
    }

    @Test
    void aMissingFileIsReported() {
        int exit = journey().execute("--config", dir.resolve("nowhere.properties").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(printed()).contains("--config: cannot read");
    }

    @Test
    void theExampleFileIsComplete() throws Exception {
        Properties example = new Properties();
        try (var in = Files.newBufferedReader(Path.of("journey-example.properties"), StandardCharsets.UTF_8)) {
            example.load(in);
        }
        String commented = Files.readString(Path.of("journey-example.properties"), StandardCharsets.UTF_8);
        String reference = Files.readString(Path.of("../../docs/configuration.md"), StandardCharsets.UTF_8);
        for (String key : JourneyConfig.KEYS) {
            assertThat(commented).as("journey-example.properties shows %s", key).contains(key + " =");
            assertThat(reference).as("docs/configuration.md documents %s", key).contains("`" + key + "`");
        }
        assertThat(example.stringPropertyNames()).allMatch(JourneyConfig.KEYS::contains);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private void assertRefused(Properties p, String message) throws Exception {
        out.reset();
        int exit = journey().execute("--config", write(p, "bad.properties").toString());
        assertThat(exit).as(printed()).isEqualTo(2);
        assertThat(printed()).contains("Configuration error in ", message)
                .as("nothing ran").doesNotContain("Step 1", "[ok]");
    }

    /** A configuration as a vendor would write it for the remote services the test started. */
    private Properties softwareConfig() throws Exception {
        Path credentials = Files.createDirectories(dir.resolve("credentials"));
        char[] password = "cps-file-password".toCharArray();
        IssuedCredential auth = pki.issueCps(CpsProfile.physician("10001234567"));
        IssuedCredential sign = pki.issueCps(CpsProfile.physician("10001234567").toBuilder()
                .usage(CpsUsage.SIGNATURE).build());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("authentication", auth.privateKey(), password, auth.chain().toArray(new X509Certificate[0]));
        store.setKeyEntry("signature", sign.privateKey(), password, sign.chain().toArray(new X509Certificate[0]));
        try (OutputStream o = Files.newOutputStream(credentials.resolve("cps.p12"))) {
            store.store(o, password);
        }
        pki.issueOrganisation(OrganisationProfile.dmpAuthentication("499900063480001"))
                .writePkcs12(credentials.resolve("structure.p12"), "structure-pw".toCharArray());
        pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"))
                .writePkcs12(credentials.resolve("insi-auto.p12"), "insi-pw".toCharArray());
        env.putIfAbsent("CPS_P12_PASSWORD", new String(password));
        env.put("STRUCTURE_P12_PASSWORD", "structure-pw");
        env.put("INSI_P12_PASSWORD", "insi-pw");

        Properties p = new Properties();
        p.setProperty("journey.environment", "test");
        p.setProperty("tls.trust-anchors", "trust/root.pem");
        p.setProperty("software.product-name", "SegurJourney");
        p.setProperty("software.product-version", "1.0.0");
        p.setProperty("software.installation-id", "0d3c6a52-8a64-4a43-9b57-6f1d1c0b2a11");
        p.setProperty("software.insi-authorisation-number", "CFG00000001");
        p.setProperty("software.dmp-homologation-id", "HOMOL-CFG-01");
        p.setProperty("professional.identity", "software");
        p.setProperty("professional.national-id", "810001234567");
        p.setProperty("professional.name", "MARTIN CLAIRE");
        p.setProperty("professional.profession-code", "10");
        p.setProperty("professional.profession-label", "Médecin");
        p.setProperty("professional.specialty-code", "SM26");
        p.setProperty("professional.specialty-label", "Qualifié en Médecine Générale (SM)");
        p.setProperty("professional.billing-id", "123456789");
        p.setProperty("professional.activity-sector", "SA07");
        p.setProperty("professional.pkcs12.file", "credentials/cps.p12");
        p.setProperty("professional.pkcs12.password", "${env:CPS_P12_PASSWORD}");
        p.setProperty("professional.pkcs12.authentication-alias", "authentication");
        p.setProperty("professional.pkcs12.signature-alias", "signature");
        p.setProperty("structure.id", "499900063480001");
        p.setProperty("structure.name", "CABINET DR MARTIN");
        p.setProperty("structure.oid-root", "1.2.250.1.999.1.1.4242");
        p.setProperty("organisation.pkcs12.file", "credentials/structure.p12");
        p.setProperty("organisation.pkcs12.password", "${env:STRUCTURE_P12_PASSWORD}");
        p.setProperty("insi.endpoint", insi.endpoint().toString());
        p.setProperty("insi.organisation.pkcs12.file", "credentials/insi-auto.p12");
        p.setProperty("insi.organisation.pkcs12.password", "${env:INSI_P12_PASSWORD}");
        p.setProperty("dmp.base-uri", dmp.baseUri().toString());
        if (mail != null) {
            p.setProperty("mssante.smtp", mail.host() + ":" + mail.submissionPort());
            p.setProperty("mssante.imap", mail.host() + ":" + mail.imapPort());
            p.setProperty("mssante.mailbox", MAILBOX);
            p.setProperty("mssante.authentication", "token");
            p.setProperty("mssante.token", "${env:MSS_TOKEN}");
            p.setProperty("mssante.product-reference", "SEGUR-JOURNEY-1.0");
            env.put("MSS_TOKEN", mail.accessToken(MAILBOX));
        }
        p.setProperty("patient.birth-name", "Brandeville");
        p.setProperty("patient.first-names", "Maëlys, Odile");
        p.setProperty("patient.sex", "F");
        p.setProperty("patient.birth-date", "1984-05-12");
        p.setProperty("patient.birth-place", "35238");
        return p;
    }

    private Path write(Properties p, String name) throws Exception {
        Path file = dir.resolve(name);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "written by JourneyConfigTest");
        }
        return file;
    }

    private Journey journey() {
        return new Journey(new PrintStream(out, true, StandardCharsets.UTF_8), env::get);
    }

    private List<String> journeyReportSkips() {
        return printed().lines().filter(l -> l.startsWith("[skip]")).collect(Collectors.toList());
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
