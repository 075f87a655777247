package io.segursdk.samples.journey;

import io.segursdk.cardreader.CardHolder;
import io.segursdk.core.config.SoftwareInfo;
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
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.mssante.XdmDocument;
import io.segursdk.mssante.XdmPackage;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.mail.MailOperator;
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
import io.segursdk.ins.Sex;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.saml.SamlAssertionBuilder;
import io.segursdk.core.saml.SamlAttribute;
import io.segursdk.core.saml.SamlName;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SignedAssertionVerifier;
import io.segursdk.testkit.soap.SoapCheckException;
import io.segursdk.testkit.soap.SoapResponses;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The field guide's journey, step by step, against the testkit's simulators started in-process: no set-up, no
 * network beyond loopback. Each step prints what it proved.
 *
 * <p>Run it with {@code ./mvnw -q -Pjourney -pl samples/journey -am -DskipTests verify}.
 */
public final class Journey {

    private static final String ACTION = "urn:segursdk:journey:1.0:secureChannel";
    private static final String NS = "urn:segursdk:journey";
    private static final String INSI_AUTHORISATION = "JOURNEY00001";
    private static final byte[] CDA_REPORT = ("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Compte rendu d'examen"
            + "</title></ClinicalDocument>").getBytes(StandardCharsets.UTF_8);
    private static final UUID INSTALLATION = UUID.fromString("6f1c1f7e-2f4e-4b8e-9d8c-2b7e1d6e5a01");

    private final Report report;

    Journey(PrintStream out) {
        this.report = new Report(out);
    }

    /**
     * Runs the journey and exits with 0 when every step passed.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Journey journey = new Journey(System.out);
        System.exit(journey.run() ? 0 : 1);
    }

    /** @return whether every step passed */
    boolean run() {
        report.header("segur-sdk journey on the embedded simulators");
        TestPki pki = TestPki.create();
        try (SimulatorServer service = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build().start()) {
            service.route("/secure", request -> secureEndpoint(pki, request));
            InsiSimulator insiService = InsiSimulator.builder().authorisationNumber(INSI_AUTHORISATION).install(service);
            TlsOptions trust = TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();

            SigningCredential[] professional = new SigningCredential[1];
            step("Step 1 - identify the professional", () -> {
                // A CPS-like signature credential from the test PKI; with a real card, sdk-cardreader's
                // CpsCard.signatureCredential() plugs in here unchanged.
                IssuedCredential cps = pki.issueCps(
                        CpsProfile.physician("10001234567").toBuilder().usage(CpsUsage.SIGNATURE).build());
                professional[0] = SoftwareCredential.of(cps.privateKey(), cps.chain());
                CardHolder holder = CardHolder.fromCertificate(professional[0].certificate());
                return "national id " + holder.nationalId() + ", profession "
                        + holder.profession().orElse("?") + ", card " + holder.cardType()
                        + " (" + holder.environment() + " environment)";
            });

            step("Step 1 - open a secure channel as the structure, acting for the professional", () -> {
                IssuedCredential structure = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
                // tag::secure-call[]
                TlsOptions tls = TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();
                SigningCredential organisation = SoftwareCredential.of(structure.privateKey(), structure.chain());
                try (SoapClient client = SoapClient.builder()
                        .service("journey")
                        .endpoint(service.uri("/secure"))
                        .credential(organisation)
                        .tls(tls)
                        .build()) {
                    Document doc = SecureXml.instance().newDocument();
                    Element token = SamlAssertionBuilder.create()
                            .issuer(SamlName.x509Subject(professional[0].certificate()))
                            .subject(SamlName.of("810001234567").withNameQualifier("CPS"))
                            .validFor(Duration.ofMinutes(10))
                            .attribute(SamlAttribute.ofText("secteurActivite", "SA07"))
                            .sign(professional[0], SignatureAlgorithm.RSA_SHA256, doc);
                    Element body = doc.createElementNS(NS, "j:Ping");
                    try (SoapResponse response = client.call(
                            SoapRequest.builder().action(ACTION).body(body).securityToken(token).build())) {
                        return response.requireBody().getTextContent();
                    }
                }
                // end::secure-call[]
            });

            PatientIdentity[] patient = new PatientIdentity[1];
            step("Step 2 - fetch the patient's INS from INSi and qualify the identity", () -> {
                Operator secretary = new Operator(OperatorRole.DELEGATED_STAFF, "CPE-0001");
                Instant now = Instant.now();
                // tag::insi-qualification[]
                InsiProfessional doctor = InsiProfessional.builder()
                        .signatureCredential(professional[0])
                        .nationalId("810001234567")
                        .billingId("123456789")
                        .activitySector("SA07")
                        .build();
                try (InsiClient insi = InsiClient.builder()
                        .endpoint(insiService.endpoint())
                        .professional(doctor)
                        .tls(trust)
                        .software(software())
                        .build()) {
                    PatientIdentity identity = PatientIdentity.provisional(IdentityTraits.builder()
                            .birthName("Brandeville").birthFirstNames("Maëlys", "Odile").sex(Sex.F)
                            .birthDate("1984-05-12").birthPlace("35238").build(), secretary, now);

                    InsiResult result = insi.searchByTraits(identity);
                    identity = identity.acceptInsiRetrieval(result.toRetrieval(secretary));
                    identity = identity.recordIdentityCheck(
                            IdentityCheck.document(IdentityDocumentType.NATIONAL_IDENTITY_CARD, secretary, now));
                    Ins shareable = identity.requireQualifiedIns();
                    // end::insi-qualification[]
                    patient[0] = identity;
                    return "INSi answered " + result.outcome() + " (message " + result.messageId() + ")\n"
                            + "identity events: " + identity.events().stream().map(e -> e.type().name()).toList()
                            + " -> status " + identity.status() + "\n"
                            + "shareable INS " + shareable + " (" + shareable.authority() + "), may feed the DMP: "
                            + identity.mayFeedDmp();
                }
            });

            step("Step 2 - an unqualified identity cannot be shared", () -> {
                PatientIdentity unverified = PatientIdentity.provisional(patient[0].traits(),
                        new Operator(OperatorRole.HEALTH_PROFESSIONAL, "810001234567"), Instant.now());
                try {
                    unverified.requireQualifiedIns();
                    throw new AssertionError("an unqualified identity yielded an INS");
                } catch (IdentityRuleException e) {
                    return "refused before any call: " + e.identityRule();
                }
            });

            // Steps 3 and 4 run against the DMP simulator: the patient has a DMP, the doctor is not yet authorised.
            if (patient[0] == null) {
                report.failed("Steps 3 and 4 - the DMP", new IllegalStateException("no qualified identity from step 2"));
            } else try (DmpSimulator dmpService = DmpSimulator.start(pki)) {
                IssuedCredential cpsAuth = pki.issueCps(CpsProfile.physician("10001234567"));
                SigningCredential cardAuthentication = SoftwareCredential.of(cpsAuth.privateKey(), cpsAuth.chain());
                Ins ins = patient[0].requireQualifiedIns();
                dmpService.patient(ins.matricule(), ins.oid()).open();
                String uniqueId = "1.2.250.1.999.1.1.4242.1.1";
                byte[] report = CDA_REPORT;

                // The practice software's patient file: what each patient was told, and any opposition.
                Map<String, DmpPatientChoices> patientFile = new ConcurrentHashMap<>();
                try (DmpClient dmp = DmpClient.builder()
                        .patientChoices(p -> Optional.ofNullable(patientFile.get(p.matricule())))
                        .baseUri(dmpService.baseUri())
                        .tlsCredential(cardAuthentication)
                        .tls(trust)
                        .vihf(Vihf.builder()
                                .mode(AuthenticationMode.DIRECT)
                                .professional("810001234567", "MARTIN CLAIRE")
                                .profession(Vihf.profession("10", "Médecin"))
                                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                                .structureId("499900063480001")
                                .activitySector("SA07")
                                .software(software())
                                .signingCredential(professional[0])
                                .build())
                        .submissionSource("1.2.250.1.999.1.1.4242",
                                CodedValue.contentType("04", "Hospitalisation de jour"))
                        .build()) {
                    PatientId dmpPatient = PatientId.of(patient[0]);

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
                        return "DMP " + before.state() + ", authorisation " + before.authorisation() + " -> "
                                + after.authorisation() + " after TD0.3";
                    });

                    step("Step 3 - feed a CDA report hidden from the patient until the announcement", () -> {
                        DocumentMetadata metadata = DocumentMetadata.builder()
                                .patientId(dmpPatient)
                                .classCode(CodedValue.classCode("10", "Compte rendu"))
                                .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                                .title("Compte rendu d'examen")
                                .creationTime(Instant.now())
                                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                                .author(Author.builder().nationalId("810001234567").name("MARTIN", "CLAIRE")
                                        .specialty(CodedValue.authorSpecialty("G15_10/SM26",
                                                "Médecin - Qualifié en Médecine Générale (SM)"))
                                        .structure(new Structure("CABINET DR MARTIN", "499900063480001")).build())
                                .uniqueId(uniqueId)
                                .visibility(Visibility.of(Visibility.Flag.HIDDEN_FROM_PATIENT))
                                .build();
                        dmp.feed(DmpAccess.of(dmpPatient), Submission.builder()
                                .document(DmpDocument.of(() -> new ByteArrayInputStream(report), DmpDocument.MIME_CDA,
                                        new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282",
                                                "CDA structuré")), metadata)
                                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                                .sourceId("1.2.250.1.999.1.1.4242")
                                .build());
                        List<String> patientSees = dmpService.patient(ins.matricule(), ins.oid()).patientView();
                        return "fed over MTOM with a VIHF signed by the card; the patient's view holds "
                                + patientSees.size() + " document(s): hidden until the announcement";
                    });

                    step("Step 4 - find the document and retrieve it", () -> {
                        SearchResult found = dmp.search(DmpAccess.of(dmpPatient),
                                DocumentQuery.findDocuments(dmpPatient).build());
                        DocumentEntry entry = found.entries().stream().filter(e -> e.uniqueId().equals(uniqueId))
                                .findFirst().orElseThrow();
                        try (RetrievedDocument document = dmp.retrieve(DmpAccess.of(dmpPatient), entry)) {
                            byte[] content = document.content().readAllBytes();
                            if (!java.util.Arrays.equals(content, report)) {
                                throw new AssertionError("retrieved content differs from what was fed");
                            }
                            return found.entries().size() + " entry found, visibility " + entry.visibility()
                                    + "; " + content.length + " bytes retrieved (ITI-43, streamed), identical";
                        }
                    });

                    step("Step 4 - after the announcement consultation, make it visible to the patient", () -> {
                        dmp.makeVisibleToPatient(dmpPatient, uniqueId);
                        return "ITI-57 metadata update; the patient's view now holds "
                                + dmpService.patient(ins.matricule(), ins.oid()).patientView().size() + " document(s)";
                    });
                }
            }

            if (patient[0] != null) {
                mailSteps(pki, patient[0]);
            }
        }
        report.summary();
        return report.allPassed();
    }

    /** A secured endpoint that checks what the national services check, then says what it verified. */
    private static SimResponse secureEndpoint(TestPki pki, SimRequest http) {
        InboundSoap soap = InboundSoap.parse(http.contentType().orElse(null), http.body());
        String messageId = soap.messageId().orElse(null);
        try {
            if (!ACTION.equals(soap.action().orElse(null)) || messageId == null) {
                throw new SoapCheckException("Sender", "InvalidAddressingHeader", "WS-Addressing headers missing");
            }
            Element security = soap.security()
                    .orElseThrow(() -> new SoapCheckException("Sender", "InvalidSecurity", "wsse:Security missing"));
            SignedAssertionVerifier.VerifiedAssertion token = SignedAssertionVerifier.forPki(pki).verifyIn(security);
            String proof = "mutual TLS as " + http.clientCertificate().orElseThrow().getSubjectX500Principal().getName()
                    + "; WS-Addressing " + messageId.substring(0, 5) + "...; SAML token of " + token.nameId()
                    + " verified against the test PKI";
            return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope(ACTION + "Response", messageId,
                    "<j:Pong xmlns:j=\"" + NS + "\">" + SoapResponses.escape(proof) + "</j:Pong>"));
        } catch (SoapCheckException e) {
            return SimResponse.of(500, SoapResponses.CONTENT_TYPE, SoapResponses.fault(e, messageId));
        }
    }

    /** Step 5 on a real mail operator (Dovecot and Postfix on loopback), when this machine has them. */
    private void mailSteps(TestPki pki, PatientIdentity patient) {
        if (!MailOperator.checkInstalled()) {
            report.skipped("Step 5 - MSSanté messages to the patient", MailOperator.INSTALL_HINT);
            return;
        }
        String patientMailbox = patient.requireQualifiedIns().matricule() + "@" + MailOperator.PATIENT_DOMAIN;
        try (MailOperator operator = MailOperator.builder(pki).user(patientMailbox, "journey-patient").start()) {
            String doctorMailbox = "claire.martin@" + MailOperator.DEFAULT_PROFESSIONAL_DOMAIN;
            // tag::mssante-patient[]
            try (MssanteClient mail = MssanteClient.builder()
                    .smtp(operator.host(), operator.submissionPort())
                    .imap(operator.host(), operator.imapPort())
                    .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).ansCipherSuitesOnly(true).build())
                    .authentication(MssanteAuthentication.xoauth2(() -> operator.accessToken(doctorMailbox)))
                    .mailbox(doctorMailbox)
                    .productReference("SEGUR-JOURNEY-1.0")
                    .build()) {
                // end::mssante-patient[]
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
                    operator.awaitDelivered(patientMailbox, 1, Duration.ofSeconds(20));
                    return "address rebuilt from the qualified INS (" + mail.patientAddress(patient).length()
                            + " characters, @" + MailOperator.PATIENT_DOMAIN + "); XDM package delivered; Message-ID "
                            + messageId.substring(0, Math.min(12, messageId.length())) + "...";
                });
                step("Step 5 - close the conversation", () -> {
                    mail.closeConversation(patient, "Fin de la conversation", "Ce fil est clos, merci.");
                    List<byte[]> delivered = operator.awaitDelivered(patientMailbox, 2, Duration.ofSeconds(20));
                    String last = new String(delivered.get(delivered.size() - 1), StandardCharsets.UTF_8);
                    if (!last.contains("X-MSS-MES: FIN")) {
                        throw new AssertionError("the closing message carries no X-MSS-MES: FIN");
                    }
                    return "closing message delivered with X-MSS-MES: FIN (from now on the operator refuses the patient's replies)";
                });
            }
        }
    }

    /** The software as the national services know it; the installation id is generated once per installation. */
    private static SoftwareInfo software() {
        return SoftwareInfo.builder()
                .productName("SegurJourney")
                .productVersion("1.0.0")
                .installationId(INSTALLATION)
                .insiAuthorisationNumber(INSI_AUTHORISATION)
                .dmpHomologationId("HOMOL-JOURNEY-01")
                .build();
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
