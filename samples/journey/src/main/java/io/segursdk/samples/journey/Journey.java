package io.segursdk.samples.journey;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.AuthenticationMode;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DmpPatientChoices;
import io.segursdk.dmp.DmpStatus;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.RetrievedDocument;
import io.segursdk.dmp.SearchResult;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Vihf;
import io.segursdk.dmp.Visibility;
import io.segursdk.ins.IdentityCheck;
import io.segursdk.ins.IdentityDocumentType;
import io.segursdk.ins.IdentityRuleException;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiProfessional;
import io.segursdk.ins.InsiResult;
import io.segursdk.ins.Operator;
import io.segursdk.ins.OperatorRole;
import io.segursdk.ins.PatientIdentity;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.mssante.XdmDocument;
import io.segursdk.mssante.XdmPackage;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The field guide's journey, step by step. By default against the testkit's simulators started in-process (no set-up,
 * no network beyond loopback); with {@code --config FILE}, against the endpoints and credentials the file names
 * (docs/configuration.md, "The sample journey"). Each step prints what it proved; nothing printed or logged carries
 * patient data.
 *
 * <p>Run it with {@code ./mvnw -q -Pjourney -pl samples/journey -am -DskipTests verify}.
 */
@Command(name = "journey", mixinStandardHelpOptions = true,
        description = "Runs the field guide's five steps and prints what each one proved.")
public final class Journey implements Callable<Integer> {

    private static final byte[] CDA_REPORT = ("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Compte rendu d'examen"
            + "</title></ClinicalDocument>").getBytes(StandardCharsets.UTF_8);

    @Option(names = "--config", paramLabel = "FILE",
            description = "a journey .properties file naming real endpoints and credentials (default: the embedded"
                    + " simulators)")
    private Path config;

    @Option(names = "--identity", paramLabel = "MEANS", defaultValue = "auto",
            description = "how step 1 identifies the professional: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE};"
                    + " auto = card when SoftHSM2 is usable, else software)")
    private String identity = "auto";

    private final PrintStream out;
    private final Function<String, String> environment;
    private final Report report;

    Journey(PrintStream out) {
        this(out, System::getenv);
    }

    /**
     * @param out         where the report goes
     * @param environment how {@code ${env:NAME}} values of a configuration file are read
     */
    Journey(PrintStream out, Function<String, String> environment) {
        this.out = out;
        this.environment = environment;
        this.report = new Report(out);
    }

    /**
     * Runs the journey and exits with 0 when every step passed, 1 when one failed, 2 on bad options or configuration.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new Journey(System.out).execute(args));
    }

    /**
     * @param args the command line
     * @return the exit code
     */
    int execute(String... args) {
        CommandLine line = new CommandLine(this).setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(out, true));
        return line.execute(args);
    }

    @Override
    public Integer call() {
        Identity means;
        try {
            means = Identity.valueOf(identity.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            out.println("--identity: '" + identity + "' is not one of auto, card, software, ecps");
            return 2;
        }
        if (config == null) {
            return run(means) ? 0 : 1;
        }
        JourneySetup setup;
        try {
            setup = JourneyConfig.load(config, means, environment);
        } catch (JourneyConfig.ConfigException e) {
            out.println("Configuration error in " + config + ": " + e.getMessage());
            return 2;
        }
        return run(setup) ? 0 : 1;
    }

    /** @return whether every step passed, on the embedded simulators with the {@code auto} identity */
    boolean run() {
        return run(Identity.AUTO);
    }

    private boolean run(Identity means) {
        try (EmbeddedServices services = new EmbeddedServices(means)) {
            return run(services.setup());
        }
    }

    /** @return whether every step passed */
    boolean run(JourneySetup setup) {
        report.header(setup.description());
        ProfessionalSession[] session = new ProfessionalSession[1];
        step("Step 1 - identify the professional", () -> {
            session[0] = setup.identity().open();
            return "identity: " + session[0].variant() + "\n" + session[0].proof();
        });
        try {
            if (session[0] != null) {
                steps(setup, session[0]);
            }
        } finally {
            if (session[0] != null) {
                try {
                    session[0].close();
                } catch (Exception e) {
                    report.failed("Closing the professional's identity", e);
                }
            }
        }
        report.summary();
        return report.allPassed();
    }

    private void steps(JourneySetup setup, ProfessionalSession professional) {
        JourneySetup.ProfessionalInfo ps = setup.professional();
        if (setup.probes().isEmpty()) {
            report.skipped("Step 1 - open a secure channel as the structure, acting for the professional",
                    "runs on the embedded simulators only (the journey's own secured endpoint)");
        } else {
            JourneySetup.Probes probes = setup.probes().get();
            step("Step 1 - open a secure channel as the structure, acting for the professional", () -> {
                SigningCredential signer = professional.signature().orElse(probes.secureChannelCredential());
                // tag::secure-call[]
                TlsOptions tls = setup.trust();
                SigningCredential organisation = probes.secureChannelCredential();
                try (SoapClient client = SoapClient.builder()
                        .service("journey")
                        .endpoint(probes.secureEndpoint())
                        .credential(organisation)
                        .tls(tls)
                        .build()) {
                    Document doc = SecureXml.instance().newDocument();
                    Element token = SamlAssertionBuilder.create()
                            .issuer(SamlName.x509Subject(signer.certificate()))
                            .subject(SamlName.of(ps.nationalId()).withNameQualifier("CPS"))
                            .validFor(Duration.ofMinutes(10))
                            .attribute(SamlAttribute.ofText("secteurActivite", ps.activitySector()))
                            .sign(signer, SignatureAlgorithm.RSA_SHA256, doc);
                    Element body = doc.createElementNS(SecureEndpoint.NS, "j:Ping");
                    try (SoapResponse response = client.call(SoapRequest.builder().action(SecureEndpoint.ACTION)
                            .body(body).securityToken(token).build())) {
                        return response.requireBody().getTextContent();
                    }
                }
                // end::secure-call[]
            });
        }

        PatientIdentity[] patient = new PatientIdentity[1];
        step("Step 2 - fetch the patient's INS from INSi and qualify the identity", () -> {
            Operator secretary = new Operator(OperatorRole.DELEGATED_STAFF, "CPE-0001");
            Instant now = Instant.now();
            IdentityTraits traits = setup.patient();
            TlsOptions trust = setup.trust();
            SoftwareInfo software = setup.software();
            URI insiEndpoint = setup.insiEndpoint().orElse(null);   // null: the platform's default endpoint
            if (professional.signature().isEmpty()) {
                // e-CPS: no personal key, INSi is called with the structure's certificate (mutual TLS)
                try (InsiClient insi = InsiClient.builder()
                        .environment(setup.insiEnvironment())
                        .endpoint(insiEndpoint)
                        .organisationCertificate(setup.insiOrganisation().orElseThrow(() -> new IllegalStateException(
                                "no personal key (e-CPS): INSi needs the structure's certificate")))
                        .tls(trust)
                        .software(software)
                        .build()) {
                    PatientIdentity identity = PatientIdentity.provisional(traits, secretary, now);
                    InsiResult result = insi.searchByTraits(identity);
                    identity = identity.acceptInsiRetrieval(result.toRetrieval(secretary));
                    identity = identity.recordIdentityCheck(
                            IdentityCheck.document(IdentityDocumentType.NATIONAL_IDENTITY_CARD, secretary, now));
                    patient[0] = identity;
                    return qualified("software-certificate mode (the structure's certificate, mutual TLS)", result,
                            identity, identity.requireQualifiedIns());
                }
            }
            SigningCredential card = professional.signature().get();
            // tag::insi-qualification[]
            InsiProfessional doctor = InsiProfessional.builder()
                    .signatureCredential(card)
                    .nationalId(ps.nationalId())
                    .billingId(ps.billingId())
                    .activitySector(ps.activitySector())
                    .build();
            try (InsiClient insi = InsiClient.builder()
                    .environment(setup.insiEnvironment())
                    .endpoint(insiEndpoint)
                    .professional(doctor)
                    .tls(trust)
                    .software(software)
                    .build()) {
                PatientIdentity identity = PatientIdentity.provisional(traits, secretary, now);

                InsiResult result = insi.searchByTraits(identity);
                identity = identity.acceptInsiRetrieval(result.toRetrieval(secretary));
                identity = identity.recordIdentityCheck(
                        IdentityCheck.document(IdentityDocumentType.NATIONAL_IDENTITY_CARD, secretary, now));
                Ins shareable = identity.requireQualifiedIns();
                // end::insi-qualification[]
                patient[0] = identity;
                return qualified("professional-card mode (assertion PS signed by the " + professional.variant()
                        + ")", result, identity, shareable);
            }
        });

        step("Step 2 - an unqualified identity cannot be shared", () -> {
            PatientIdentity unverified = PatientIdentity.provisional(setup.patient(),
                    new Operator(OperatorRole.HEALTH_PROFESSIONAL, ps.nationalId()), Instant.now());
            try {
                unverified.requireQualifiedIns();
                throw new AssertionError("an unqualified identity yielded an INS");
            } catch (IdentityRuleException e) {
                return "refused before any call: " + e.identityRule();
            }
        });

        if (patient[0] == null) {
            report.failed("Steps 3 and 4 - the DMP", new IllegalStateException("no qualified identity from step 2"));
            return;
        }
        dmpSteps(setup, professional, patient[0]);
        mailSteps(setup, professional, patient[0]);
    }

    private void dmpSteps(JourneySetup setup, ProfessionalSession professional, PatientIdentity patient) {
        JourneySetup.ProfessionalInfo ps = setup.professional();
        JourneySetup.StructureInfo structure = setup.structure();
        String uniqueId = structure.oidRoot() + ".1." + System.currentTimeMillis();
        byte[] cda = CDA_REPORT;
        Optional<JourneySetup.Probes> probes = setup.probes();
        // The practice software's patient file: what each patient was told, and any opposition.
        Map<String, DmpPatientChoices> patientFile = new ConcurrentHashMap<>();
        SigningCredential tlsCredential;
        SigningCredential vihfSigner;
        AuthenticationMode mode;
        if (professional.hasPersonalKeys()) {
            tlsCredential = professional.authentication().get();
            vihfSigner = professional.signature().get();
            mode = AuthenticationMode.DIRECT;
        } else {
            SigningCredential organisation = setup.organisation().orElseThrow(() ->
                    new IllegalStateException("no personal key (e-CPS): the DMP needs the structure's certificate"));
            tlsCredential = organisation;
            vihfSigner = organisation;
            mode = AuthenticationMode.INDIRECT_REINFORCED;
        }
        DmpClient dmp;
        try {
            dmp = DmpClient.builder()
                    .patientChoices(p -> Optional.ofNullable(patientFile.get(p.matricule())))
                    .baseUri(setup.dmpBaseUri())
                    .tlsCredential(tlsCredential)
                    .tls(setup.trust())
                    .vihf(Vihf.builder()
                            .mode(mode)
                            .professional(ps.nationalId(), ps.name())
                            .profession(Vihf.profession(ps.professionCode(), ps.professionLabel()))
                            .specialty(Vihf.specialty(ps.specialtyCode(), ps.specialtyLabel()))
                            .structureId(structure.id())
                            .activitySector(ps.activitySector())
                            .software(setup.software())
                            .signingCredential(vihfSigner)
                            .build())
                    .submissionSource(structure.oidRoot(), CodedValue.contentType("04", "Hospitalisation de jour"))
                    .build();
        } catch (RuntimeException e) {
            report.failed("Steps 3 and 4 - the DMP client", e);
            return;
        }
        try (dmp) {
            PatientId dmpPatient = PatientId.of(patient);

            step("Step 3 - record that the patient was informed", () -> {
                Instant now = Instant.now();
                patientFile.put(dmpPatient.matricule(), DmpPatientChoices.none(dmpPatient)
                        .informedOfFeeding(now)
                        .informedOfConsultation("episode-2026-001", now));
                return "informed that the DMP is fed and of consultation for this care episode; no opposition"
                        + " recorded (the client checks this record before every feed and consultation)";
            });

            step("Step 3 - test the DMP's existence and the professional's authorisation", () -> {
                DmpStatus before = dmp.testExistence(DmpAccess.of(dmpPatient));
                if (before.authorisation() != DmpStatus.Authorisation.VALID) {
                    dmp.authorise(dmpPatient);
                }
                DmpStatus after = dmp.testExistence(DmpAccess.of(dmpPatient));
                return "VIHF in " + mode + " mode; DMP " + before.state() + ", authorisation " + before.authorisation()
                        + " -> " + after.authorisation() + " after TD0.3";
            });

            step("Step 3 - feed a CDA report hidden from the patient until the announcement", () -> {
                DocumentMetadata metadata = DocumentMetadata.builder()
                        .patientId(dmpPatient)
                        .classCode(CodedValue.classCode("10", "Compte rendu"))
                        .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                        .title("Compte rendu d'examen")
                        .creationTime(Instant.now())
                        .healthcareFacilityType(CodedValue.facilityType(ps.activitySector(), "Cabinet individuel"))
                        .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                        .author(Author.builder().nationalId(ps.nationalId()).name(family(ps.name()), given(ps.name()))
                                .specialty(CodedValue.authorSpecialty("G15_" + ps.professionCode() + "/"
                                        + ps.specialtyCode(), ps.professionLabel() + " - " + ps.specialtyLabel()))
                                .structure(new Structure(structure.name(), structure.id())).build())
                        .uniqueId(uniqueId)
                        .visibility(Visibility.of(Visibility.Flag.HIDDEN_FROM_PATIENT))
                        .build();
                dmp.feed(DmpAccess.of(dmpPatient), Submission.builder()
                        .document(DmpDocument.of(() -> new ByteArrayInputStream(cda), DmpDocument.MIME_CDA,
                                new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282",
                                        "CDA structuré")), metadata)
                        .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                        .sourceId(structure.oidRoot())
                        .build());
                return "fed over MTOM with a VIHF signed by the " + (professional.hasPersonalKeys()
                        ? professional.variant() : "structure") + probes.map(p -> "; the patient's view holds "
                        + p.patientViewSize() + " document(s): hidden until the announcement").orElse(
                        "; the DMP accepted it hidden from the patient");
            });

            step("Step 4 - find the document and retrieve it", () -> {
                SearchResult found = dmp.search(DmpAccess.of(dmpPatient),
                        DocumentQuery.findDocuments(dmpPatient).build());
                DocumentEntry entry = found.entries().stream().filter(e -> e.uniqueId().equals(uniqueId))
                        .findFirst().orElseThrow(() -> new AssertionError("the document fed is not found"));
                try (RetrievedDocument document = dmp.retrieve(DmpAccess.of(dmpPatient), entry)) {
                    byte[] content = document.content().readAllBytes();
                    if (!java.util.Arrays.equals(content, cda)) {
                        throw new AssertionError("retrieved content differs from what was fed");
                    }
                    return found.entries().size() + " entry found, visibility " + entry.visibility()
                            + "; " + content.length + " bytes retrieved (ITI-43, streamed), identical";
                }
            });

            String visibleTitle = "Step 4 - after the announcement consultation, make it visible to the patient";
            if (!professional.hasPersonalKeys()) {
                try {
                    dmp.makeVisibleToPatient(dmpPatient, uniqueId);
                    report.passed(visibleTitle, "ITI-57 metadata update accepted in " + mode + " mode");
                } catch (AccessDeniedException e) {
                    report.skipped(visibleTitle, "the DMP refused it in " + mode + " mode (" + e.getMessage()
                            + "): making a document visible needs direct authentication, with the author's card");
                } catch (RuntimeException e) {
                    report.failed(visibleTitle, e);
                }
            } else {
                step(visibleTitle, () -> {
                    dmp.makeVisibleToPatient(dmpPatient, uniqueId);
                    return "ITI-57 metadata update" + probes.map(p -> "; the patient's view now holds "
                            + p.patientViewSize() + " document(s)").orElse(" accepted");
                });
            }
        }
    }

    /** Step 5 on a mail operator: the embedded one (Dovecot and Postfix on loopback) or the configured one. */
    private void mailSteps(JourneySetup setup, ProfessionalSession professional, PatientIdentity patient) {
        if (setup.mail().isEmpty()) {
            report.skipped("Step 5 - MSSanté messages to the patient", setup.mailSkipReason());
            return;
        }
        JourneySetup.MailSetup operator = setup.mail().get();
        Optional<JourneySetup.Probes> probes = setup.probes();
        MssanteClient built;
        try {
            // tag::mssante-patient[]
            built = MssanteClient.builder()
                    .smtp(operator.smtpHost(), operator.smtpPort())
                    .imap(operator.imapHost(), operator.imapPort())
                    .tls(operator.tls())
                    .authentication(operator.authentication().apply(professional))
                    .mailbox(operator.mailbox())
                    .environment(operator.environment())
                    .productReference(operator.productReference())
                    .build();
            // end::mssante-patient[]
        } catch (RuntimeException e) {
            report.failed("Step 5 - the MSSanté client", e);
            return;
        }
        try (MssanteClient mail = built) {
            step("Step 5 - send the patient a secure message carrying the report", () -> {
                XdmPackage xdm = XdmPackage.of(patient.requireQualifiedIns().toCx(), List.of(
                        new XdmDocument("DOC0001.XML", "text/xml", "Compte rendu d'examen", "11490-0", CDA_REPORT)));
                String messageId = mail.send(MssanteMessage.builder()
                        .toPatient(patient)
                        .subject("Votre compte rendu d'examen")
                        .text("Bonjour, votre compte rendu est joint (IHE_XDM.zip).")
                        .xdm(xdm)
                        .requestDsn()
                        .build());
                String address = mail.patientAddress(patient);
                String delivered = probes.map(p -> {
                    p.awaitPatientMail(1, Duration.ofSeconds(20));
                    return "XDM package delivered";
                }).orElse("XDM package accepted for delivery (a DSN was requested)");
                return "authenticated by " + operator.authDescription() + "\naddress rebuilt from the qualified INS ("
                        + address.length() + " characters, @" + address.substring(address.indexOf('@') + 1) + "); "
                        + delivered + "; Message-ID " + messageId.substring(0, Math.min(12, messageId.length()))
                        + "...";
            });
            step("Step 5 - close the conversation", () -> {
                mail.closeConversation(patient, "Fin de la conversation", "Ce fil est clos, merci.");
                if (probes.isEmpty()) {
                    return "closing message sent with X-MSS-MES: FIN (the operator now refuses the patient's replies)";
                }
                List<byte[]> delivered = probes.get().awaitPatientMail(2, Duration.ofSeconds(20));
                String last = new String(delivered.get(delivered.size() - 1), StandardCharsets.UTF_8);
                if (!last.contains("X-MSS-MES: FIN")) {
                    throw new AssertionError("the closing message carries no X-MSS-MES: FIN");
                }
                return "closing message delivered with X-MSS-MES: FIN (from now on the operator refuses the patient's"
                        + " replies)";
            });
        }
    }

    private static String qualified(String mode, InsiResult result, PatientIdentity identity, Ins shareable) {
        return "INSi (" + mode + ") answered " + result.outcome() + " (message " + result.messageId() + ")\n"
                + "identity events: " + identity.events().stream().map(e -> e.type().name()).toList()
                + " -> status " + identity.status() + "\n"
                + "shareable INS " + shareable + " (" + shareable.authority() + "), may feed the DMP: "
                + identity.mayFeedDmp();
    }

    private static String family(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    private static String given(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1);
    }

    @FunctionalInterface
    private interface StepBody {
        String run() throws Exception;
    }

    private void step(String title, StepBody body) {
        try {
            report.passed(title, body.run());
        } catch (Exception | AssertionError e) {
            report.failed(title, e);
        }
    }

    Report report() {
        return report;
    }
}
