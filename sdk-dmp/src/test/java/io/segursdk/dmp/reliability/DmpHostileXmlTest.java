package io.segursdk.dmp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.PatientId;
import io.segursdk.testkit.dmp.DmpSimulator;
import io.segursdk.testkit.server.Fault;
import io.segursdk.testkit.server.SimResponse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile XML in DMP responses (the registry's AdhocQueryResponse, the repository's RegistryResponse, TD0.2's HL7
 * message): external entities, external DTDs, entity bombs. Each is refused with a typed exception, quickly, and
 * nothing is read or fetched.
 */
class DmpHostileXmlTest {

    static final DmpBed BED = new DmpBed();
    static final String SECRET = "TOP-SECRET-MARKER-91bd";
    static final String PATIENTS = DmpSimulator.BASE_PATH + "patients";

    static {
        BED.simulator.server().route("/evil.dtd", r -> SimResponse.of(200, "application/xml-dtd",
                "<!ENTITY leak \"" + SECRET + "\">"));
    }

    @TempDir
    static Path dir;

    @AfterEach
    void clearFaults() {
        BED.simulator.server().clearFaults();
    }

    @AfterAll
    static void stop() {
        BED.close();
    }

    private static void refused(String path, String body, Consumer<DmpClient> call) {
        BED.simulator.server().injectFault(Fault.status(200, "application/soap+xml; charset=utf-8", body)
                .onPath(path));
        Throwable thrown;
        long start = System.nanoTime();
        try (DmpClient dmp = BED.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
            thrown = catchThrowable(() -> call.accept(dmp));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(thrown).isInstanceOf(SegurException.class);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET);
        assertThat(BED.simulator.server().captured()).noneMatch(r -> r.path().endsWith(".dtd"));
    }

    private static String envelope(String doctype, String body) {
        return "<?xml version=\"1.0\"?>" + doctype + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<env:Body>" + body + "</env:Body></env:Envelope>";
    }

    private static String queryResponse(String content) {
        return "<query:AdhocQueryResponse xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\">"
                + "<rim:RegistryObjectList xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">" + content
                + "</rim:RegistryObjectList></query:AdhocQueryResponse>";
    }

    private static String[] doctypes() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        StringBuilder bomb = new StringBuilder("<!DOCTYPE env:Envelope [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            bomb.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("<!ENTITY leak \"&l10;\">]>");
        return new String[] {
            "<!DOCTYPE env:Envelope [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>",
            "<!DOCTYPE env:Envelope SYSTEM \"" + BED.simulator.server().uri("/evil.dtd") + "\">",
            "<!DOCTYPE env:Envelope [<!ENTITY % p SYSTEM \"" + BED.simulator.server().uri("/evil.dtd") + "\"> %p;]>",
            bomb.toString(),
        };
    }

    @Test
    void registryQueryResponse() throws Exception {
        PatientId patient = BED.newPatient();
        for (String doctype : doctypes()) {
            refused(DmpBed.REGISTRY, envelope(doctype, queryResponse("&leak;")),
                    dmp -> dmp.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()));
        }
    }

    @Test
    void repositoryRegistryResponse() throws Exception {
        PatientId patient = BED.newPatient();
        for (String doctype : doctypes()) {
            refused(DmpBed.REPOSITORY, envelope(doctype, "<rs:RegistryResponse"
                    + " xmlns:rs=\"urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0\" status=\"&leak;\"/>"),
                    dmp -> dmp.feed(DmpAccess.of(patient), DmpBed.submission(patient, DmpBed.uid())));
        }
        assertThat(BED.record(patient).entries()).as("the hostile answer replaced the route").isEmpty();
    }

    @Test
    void td02Message() throws Exception {
        PatientId patient = BED.newPatient();
        for (String doctype : doctypes()) {
            refused(PATIENTS, envelope(doctype, "<hl7:MCCI_IN000002UV01 xmlns:hl7=\"urn:hl7-org:v3\">&leak;"
                    + "</hl7:MCCI_IN000002UV01>"), dmp -> dmp.testExistence(DmpAccess.of(patient)));
        }
    }

    @Test
    void registryAnswerAboveTheClientsLimit() {
        PatientId patient = BED.newPatient();
        BED.simulator.server().injectFault(Fault.status(200, "application/soap+xml; charset=utf-8",
                envelope("", queryResponse("<!--" + "x".repeat(64 * 1024) + "-->"))).onPath(DmpBed.REGISTRY));
        try (DmpClient dmp = BED.clientBuilder().retryPolicy(RetryPolicy.none()).maxResponseBytes(16 * 1024).build()) {
            Throwable thrown = catchThrowable(() -> dmp.search(DmpAccess.of(patient),
                    DocumentQuery.findDocuments(patient).build()));
            assertThat(thrown).isInstanceOf(TransportException.class).hasMessageContaining("16384");
            assertThat(((TransportException) thrown).isRetryable()).isFalse();
        }
    }
}
