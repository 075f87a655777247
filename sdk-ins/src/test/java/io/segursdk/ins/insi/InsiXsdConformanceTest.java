package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.ins.CarteVitaleData;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.soap.InboundSoap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Optional conformance suite: the requests the client sends (body, ContexteLPS, ContexteBAM) and the simulator's
 * answers, validated against the CNAM's official INSi schemas (WSDL 1.5.0). The schemas are not part of the project:
 * the suite reads them from the folder named by the system property {@code segur.official.dir} or the environment
 * variable {@code SEGUR_OFFICIAL_DIR} (the folder holding {@code insi/xsd}), else from {@code ../../shared/official}
 * next to the project, and skips when they are not there.
 */
class InsiXsdConformanceTest {

    private static final InsiTestBed BED = new InsiTestBed();
    private static Path xsd;

    @BeforeAll
    static void locate() {
        String configured = System.getProperty("segur.official.dir", System.getenv("SEGUR_OFFICIAL_DIR"));
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "official");
        xsd = root.resolve("insi").resolve("xsd").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(xsd), "official INSi schemas not found at " + xsd
                + ": conformance suite skipped (set -Dsegur.official.dir or SEGUR_OFFICIAL_DIR to the folder"
                + " holding insi/xsd)");
    }

    @AfterAll
    static void stop() {
        BED.close();
    }

    private static Validator validator(String relative) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            Schema schema = factory.newSchema(xsd.resolve(relative).toFile());
            Validator v = schema.newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return v;
        } catch (SAXException e) {
            throw new IllegalStateException("cannot read schema " + relative, e);
        }
    }

    private static void validate(String schema, Element element) {
        try {
            validator(schema).validate(new DOMSource(element));
        } catch (SAXException | IOException e) {
            throw new AssertionError(element.getLocalName() + " does not conform to " + schema + ": "
                    + e.getMessage(), e);
        }
    }

    private static IdentityTraits traits(String name, String sex, String date, String place, String... firstNames) {
        return IdentityTraits.builder().birthName(name).birthFirstNames(firstNames).sex(sex).birthDate(date)
                .birthPlace(place).build();
    }

    private static List<InboundSoap> sendTypicalRequests() {
        BED.server.clearCaptured();
        try (InsiClient client = BED.mtlsClient()) {
            client.searchByTraits(traits("BRANDEVILLE", "F", "1984-05-12", "35238", "MAELYS", "ODILE"));
            client.searchByTraits(traits("LORIVAL", "M", "1971-11-03", null, "AUBIN", "THEO", "GASPARD"));
            client.searchByTraits(traits("INCONNUE", "F", "1984-00-00", null, "ANNE", "MARIE"));
            client.searchByTraits(traits("FALCUCCI", "M", "1958-03-07", "2B033", "PAOLU"));
            client.searchWithCarteVitale(CarteVitaleData.builder().insuredMatricule("282063155504181")
                    .birthName("Roussel-Audran").birthDate("2015-04-02").birthRank(1).build(),
                    InsiClientContractTest.unsignedVitaleAssertion());
        }
        List<InboundSoap> all = new ArrayList<>();
        for (SimRequest r : BED.server.captured()) {
            all.add(InboundSoap.parse(r.contentType().orElse(null), r.body()));
        }
        return all;
    }

    @Test
    void requestsConformToTheOfficialSchemas() {
        List<InboundSoap> requests = sendTypicalRequests();
        assertThat(requests).hasSize(1 + 2 + 3 + 1 + 1);
        for (InboundSoap soap : requests) {
            Element payload = soap.payload().orElseThrow();
            if ("RECVITALE".equals(payload.getLocalName())) {
                validate("ServiceIdentiteCertifiee/INSi_RECVITALE_INS.xsd", payload);
            } else {
                validate("ServiceIdentiteCertifiee/INSi_RECSANS_INS.xsd", payload);
            }
            validate("CTX/ROOT_ctxlps_CTXLPS_V01_00.xsd",
                    soap.header("urn:siram:lps:ctxlps", "ContexteLPS").orElseThrow());
            validate("CTX/ROOT_ctxbam_CTXBAM_V01_02.xsd",
                    soap.header("urn:siram:bam:ctxbam", "ContexteBAM").orElseThrow());
        }
    }

    @Test
    void simulatorAnswersConformToTheOfficialSchemas() throws IOException {
        List<SimRequest> requests = new ArrayList<>();
        sendTypicalRequests();
        requests.addAll(BED.server.captured());
        for (SimRequest request : requests) {
            SimResponse response = BED.insi.handle(request);
            assertThat(response.status()).isEqualTo(200);
            InboundSoap soap = InboundSoap.parse(response.headers().getOrDefault("Content-Type", List.of())
                    .stream().findFirst().orElse(null), response.bodyBytes());
            validate("ServiceIdentiteCertifiee/INSi_RESULTAT_INS.xsd", soap.payload().orElseThrow());
        }
    }

    @Test
    void theSchemasDoRejectAnOutOfOrderBody() {
        Element payload = sendTypicalRequests().get(0).payload().orElseThrow();
        Element first = (Element) payload.getElementsByTagNameNS("*", "NomNaissance").item(0);
        payload.removeChild(first);
        payload.appendChild(first);
        assertThatThrownBy(() -> validate("ServiceIdentiteCertifiee/INSi_RECSANS_INS.xsd", payload))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not conform");
    }
}
