package io.segursdk.benchmarks;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.AuthenticationMode;
import io.segursdk.dmp.Author;
import io.segursdk.dmp.CodedValue;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpDocument;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Structure;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Vihf;
import io.segursdk.dmp.internal.Iti41RequestBuilder;
import io.segursdk.dmp.internal.XdsJaxb;
import io.segursdk.ins.internal.insi.InsiHeaders;
import io.segursdk.ins.internal.insi.InsiNs;
import io.segursdk.ins.internal.insi.InsiResponseParser;
import io.segursdk.ins.internal.insi.Xml;
import io.segursdk.mssante.XdmDocument;
import io.segursdk.mssante.XdmPackage;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * JMH: the SDK's building blocks, each beside a raw baseline doing the irreducible part of the same work on the same
 * data. Pairs (SDK / baseline): {@code vihf} / {@code vihfBaselineSantuarioSign} (the DMP's VIHF built and signed, vs
 * Santuario signing the same, already built, assertion); {@code insiRequest} / {@code insiRequestBaselineClone} (an
 * INSi search request's body and headers built as {@code InsiClient} does, with its internal header builder, vs a deep
 * copy of the same pre-built request); {@code insiParse} / {@code insiParseBaselineDom} (an INSi answer parsed into
 * an identity, vs a plain DOM parse of the same bytes); {@code iti41} / {@code iti41BaselineClone} (ITI-41 metadata
 * of one document built, vs a deep copy of the same pre-built body); {@code xdm} / {@code xdmBaselineSha256} (an XDM
 * ZIP of a 100 KB document packaged, vs SHA-256 of the same bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ComponentBenchmark {

    /** The pairs, SDK benchmark first, then its baseline, and the target ratio (empty when none). */
    static final String[][] PAIRS = {
        {"vihf", "vihfBaselineSantuarioSign", "≤ 1.20", "VIHF build + sign (sdk-dmp) vs Santuario signing the same assertion"},
        {"insiRequest", "insiRequestBaselineClone", "", "INSi request build (InsiClient's internals) vs copy of a pre-built request"},
        {"insiParse", "insiParseBaselineDom", "", "INSi response parse (hardened parser + RESULTAT) vs plain DOM parse"},
        {"iti41", "iti41BaselineClone", "", "ITI-41 metadata build (sdk-dmp, JAXB) vs copy of the pre-built body"},
        {"xdm", "xdmBaselineSha256", "", "XDM package of 100 KB (sdk-mssante) vs SHA-256 of the same bytes"},
    };

    private Vihf vihf;
    private DmpAccess access;
    private Element unsignedAssertion;
    private SigningCredential signer;

    private InsiHeaders headers;
    private Document prebuiltRequest;

    private byte[] insiAnswer;
    private DocumentBuilder plainParser;

    private Iti41RequestBuilder iti41;
    private Submission submission;
    private Document prebuiltIti41;

    private byte[] document;

    /** Credentials, fixtures and pre-built baselines. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TestPki pki = TestPki.create("BENCH");
        IssuedCredential card = pki.issueCps(CpsProfile.physician("10001234567").toBuilder()
                .usage(CpsUsage.SIGNATURE).build());
        signer = SoftwareCredential.of(card.privateKey(), card.chain());
        SoftwareInfo software = SoftwareInfo.builder().productName("SegurBench").productVersion("1.0.0")
                .installationId(UUID.fromString("0b5c7a52-3e61-4d0f-8f7e-6a2f1c9d4e11"))
                .dmpHomologationId("HOMOL-BENCH-01").insiAuthorisationNumber(InsiScenario.IDAM).build();
        vihf = Vihf.builder().mode(AuthenticationMode.DIRECT)
                .professional("810001234567", "DUPONT ALICE")
                .profession(Vihf.profession("10", "Médecin"))
                .specialty(Vihf.specialty("SM26", "Qualifié en Médecine Générale (SM)"))
                .structureId("499900063480001").activitySector("SA07").software(software)
                .signingCredential(signer).build();
        PatientId patient = PatientId.ofIns("279035121518989", PatientId.OID_INS_NIR_TEST);
        access = DmpAccess.of(patient);
        // the same assertion, signature removed: what Santuario alone is given to sign
        unsignedAssertion = vihf.issue(access);
        Node sig = unsignedAssertion.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        unsignedAssertion.removeChild(sig);
        unsignedAssertion.setIdAttributeNS(null, "ID", true);
        org.apache.xml.security.Init.init();

        headers = new InsiHeaders("01_00", "01_02", InsiScenario.IDAM, "1.0.0",
                "0b5c7a52-3e61-4d0f-8f7e-6a2f1c9d4e11", "urn:lps:SegurBench:1.0.0", null);
        prebuiltRequest = SecureXml.instance().newDocument();
        Element root = (Element) prebuiltRequest.appendChild(prebuiltRequest.createElementNS(null, "request"));
        Element built = insiRequest().body();
        Instant t = Instant.now();
        root.appendChild(headers.contexteLps(prebuiltRequest, UUID.randomUUID(), t));
        root.appendChild(headers.contexteBam(prebuiltRequest, UUID.randomUUID(), t));
        root.appendChild(prebuiltRequest.importNode(built, true));

        insiAnswer = ("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Header>"
                + "<wsa:RelatesTo xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">uuid:"
                + UUID.randomUUID() + "</wsa:RelatesTo></env:Header><env:Body>"
                + "<RESULTAT xmlns=\"" + InsNs.RESULTAT + "\"><CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR>"
                + "<INDIVIDU><INSACTIF><IdIndividu><NumIdentifiant>2840535238117</NumIdentifiant><Cle>78</Cle>"
                + "</IdIndividu><OID>1.2.250.1.213.1.4.8</OID></INSACTIF><TIQ><NomNaissance>BRANDEVILLE"
                + "</NomNaissance><Prenom>MAELYS</Prenom><ListePrenom>MAELYS ODILE</ListePrenom><Sexe>F</Sexe>"
                + "<DateNaissance>1984-05-12</DateNaissance><LieuNaissance>35238</LieuNaissance></TIQ>"
                + "</INDIVIDU></RESULTAT></env:Body></env:Envelope>").getBytes(StandardCharsets.UTF_8);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        plainParser = dbf.newDocumentBuilder();
        if (insiParse().outcome() != io.segursdk.ins.InsiOutcome.FOUND) {
            throw new IllegalStateException("the INSi answer fixture does not parse to an identity");
        }

        iti41 = new Iti41RequestBuilder(new XdsJaxb());
        byte[] cda = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Compte rendu</title></ClinicalDocument>"
                .getBytes(StandardCharsets.UTF_8);
        submission = Submission.builder()
                .document(DmpDocument.of(() -> new ByteArrayInputStream(cda), DmpDocument.MIME_CDA,
                        new CodedValue("urn:asip:ci-sis:2010", "1.2.250.1.213.1.1.4.2.282", "CDA structuré")),
                        DocumentMetadata.builder()
                                .patientId(patient)
                                .classCode(CodedValue.classCode("10", "Compte rendu"))
                                .typeCode(CodedValue.loinc("11490-0", "Lettre de sortie"))
                                .title("Compte rendu de consultation")
                                .creationTime(Instant.parse("2026-03-02T09:15:30Z"))
                                .healthcareFacilityType(CodedValue.facilityType("SA07", "Cabinet individuel"))
                                .practiceSetting(CodedValue.practiceSetting("AMBULATOIRE", "Ambulatoire"))
                                .author(Author.builder().nationalId("810001234567").name("DUPONT", "ALICE")
                                        .specialty(CodedValue.authorSpecialty("G15_10/SM26",
                                                "Médecin - Qualifié en Médecine Générale (SM)"))
                                        .structure(new Structure("CABINET DR DUPONT", "499900063480001")).build())
                                .uniqueId("1.2.250.1.999.1.1.4242.7.1")
                                .build())
                .contentType(CodedValue.contentType("04", "Hospitalisation de jour"))
                .sourceId("1.2.250.1.999.1.1.4242")
                .build();
        prebuiltIti41 = iti41().getOwnerDocument();

        document = new byte[100 * 1024];
        new Random(8).nextBytes(document);
    }

    /** Short aliases for namespaces. */
    private static final class InsNs {
        static final String RESULTAT = InsiNs.RESULTAT;
    }

    /** @return the signed VIHF of one DMP access */
    @Benchmark
    public Element vihf() {
        return vihf.issue(access);
    }

    /**
     * Santuario alone: the same enveloped signature (exclusive C14N, RSA-SHA256, SHA-256 digest, certificate in
     * KeyInfo) of the same, already built, assertion; the signature is removed afterwards so that every iteration
     * signs the same thing.
     *
     * @return the signature element
     * @throws Exception on failure
     */
    @Benchmark
    public Element vihfBaselineSantuarioSign() throws Exception {
        Document doc = unsignedAssertion.getOwnerDocument();
        XMLSignature signature = new XMLSignature(doc, "", SignatureAlgorithm.RSA_SHA256.xmlDsigUri(),
                "http://www.w3.org/2001/10/xml-exc-c14n#");
        Element issuer = (Element) unsignedAssertion.getFirstChild();
        unsignedAssertion.insertBefore(signature.getElement(), issuer.getNextSibling());
        Transforms transforms = new Transforms(doc);
        transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("#" + unsignedAssertion.getAttribute("ID"), transforms,
                SignatureAlgorithm.RSA_SHA256.digestUri());
        signature.addKeyInfo(signer.certificate());
        signature.sign(signer.privateKey());
        Element done = signature.getElement();
        unsignedAssertion.removeChild(done);
        return done;
    }

    /** @return an INSi search by traits: body, ContexteLPS, ContexteBAM, addressing (the assertion PS excepted) */
    @Benchmark
    public SoapRequest insiRequest() {
        Document doc = SecureXml.instance().newDocument();
        Element body = doc.createElementNS(InsiNs.REC_SANS, "insi_recsans_ins:RECSANSVITALE");
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:NomNaissance", "BRANDEVILLE");
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:Prenom", "MAELYS");
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:Sexe", "F");
        Xml.text(body, InsiNs.REC_SANS, "insi_recsans_ins:DateNaissance", "1984-05-12");
        Instant now = Instant.now();
        SoapRequest request = SoapRequest.builder()
                .action(InsiScenario.ACTION_TRAITS)
                .messageId("uuid:" + UUID.randomUUID())
                .body(body)
                .header(headers.contexteLps(doc, UUID.randomUUID(), now))
                .header(headers.contexteBam(doc, UUID.randomUUID(), now))
                .build();
        return request;
    }

    /** @return a deep copy of the same body and headers, built once */
    @Benchmark
    public Node insiRequestBaselineClone() {
        return prebuiltRequest.cloneNode(true);
    }

    /** @return the identity found in the answer */
    @Benchmark
    public InsiResponseParser.Parsed insiParse() {
        Document doc = SecureXml.instance().parse(insiAnswer);
        Element body = (Element) doc.getDocumentElement().getElementsByTagNameNS(
                "http://www.w3.org/2003/05/soap-envelope", "Body").item(0);
        Element resultat = Xml.children(body, "RESULTAT").get(0);
        return InsiResponseParser.parse(resultat, "uuid:bench");
    }

    /**
     * @return the same bytes parsed by a plain, reused, namespace-aware JDK DOM parser
     * @throws Exception on failure
     */
    @Benchmark
    public Document insiParseBaselineDom() throws Exception {
        return plainParser.parse(new ByteArrayInputStream(insiAnswer));
    }

    /** @return the ITI-41 body (SubmitObjectsRequest and document reference) of one document */
    @Benchmark
    public Element iti41() {
        return iti41.build(submission).body();
    }

    /** @return a deep copy of the same body, built once */
    @Benchmark
    public Node iti41BaselineClone() {
        return prebuiltIti41.cloneNode(true);
    }

    /** @return the XDM ZIP of one 100 KB document */
    @Benchmark
    public byte[] xdm() {
        return XdmPackage.of("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH",
                List.of(new XdmDocument("DOC0001.PDF", "application/pdf", "Compte rendu", null, document))).toZip();
    }

    /**
     * @return SHA-256 of the same bytes
     * @throws Exception on failure
     */
    @Benchmark
    public byte[] xdmBaselineSha256() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(document);
    }
}
