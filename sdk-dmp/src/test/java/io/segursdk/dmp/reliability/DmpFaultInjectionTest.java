package io.segursdk.dmp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.RetrievedDocument;
import io.segursdk.testkit.server.Fault;
import io.segursdk.testkit.server.ThreadSnapshot;
import io.segursdk.testkit.server.UnresponsivePort;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of failure of the network or of the DMP ends in the right typed exception, within the configured
 * timeouts, and leaves no thread and no connection behind once the client is closed.
 */
class DmpFaultInjectionTest {

    /**
     * CXF's timer for the delayed deletion of cached streams, of CXF's default bus: started once, the first time a
     * response times out, and shared afterwards. Allowed once; one per client would be a leak.
     */
    static final String CXF_SHARED = "DelayedCachedOutputStreamCleaner";
    static final Set<Thread> SHARED_SEEN = ConcurrentHashMap.newKeySet();

    static final DmpBed BED = new DmpBed();
    static final Duration LIMIT = DmpBed.TIMEOUTS.read().plus(Duration.ofSeconds(6));
    static PatientId patient;
    static DocumentEntry entry;

    @BeforeAll
    static void feedOneDocument() {
        patient = BED.newPatient();
        try (DmpClient dmp = BED.clientBuilder().build()) {
            dmp.feed(DmpAccess.of(patient), DmpBed.submission(patient, DmpBed.uid()));
            entry = dmp.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()).entries().get(0);
        }
    }

    @AfterEach
    void clearFaults() {
        BED.simulator.server().clearFaults();
    }

    @AfterAll
    static void stop() {
        BED.close();
    }

    /** A client without retry makes one call; checks the failure is typed and timely and nothing leaks. */
    private static SegurException failWith(URI base, Fault fault, Duration limit, Function<DmpClient, Object> call) {
        if (fault != null) {
            BED.simulator.server().injectFault(fault);
        }
        ThreadSnapshot threads = ThreadSnapshot.take();
        int connections = BED.simulator.server().openConnections();
        Throwable thrown;
        Duration took;
        try (DmpClient dmp = BED.clientBuilder().baseUri(base).retryPolicy(RetryPolicy.none()).build()) {
            long start = System.nanoTime();
            thrown = catchThrowable(() -> call.apply(dmp));
            took = Duration.ofNanos(System.nanoTime() - start);
        }
        assertThat(thrown).as("a typed exception").isInstanceOf(SegurException.class);
        assertThat(took).as("failure within the configured timeouts").isLessThan(limit);
        List<Thread> left = threads.newThreadsAfter(Duration.ofSeconds(10));
        left.stream().filter(t -> t.getName().equals(CXF_SHARED)).forEach(SHARED_SEEN::add);
        assertThat(left).extracting(Thread::getName).as("threads left behind").allMatch(CXF_SHARED::equals);
        assertThat(SHARED_SEEN).as("CXF's shared cleaner is started once, not once per client").hasSizeLessThanOrEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (BED.simulator.server().openConnections() > connections && System.nanoTime() < deadline) {
            System.gc();
            sleep(100);
        }
        assertThat(BED.simulator.server().openConnections()).as("server-side connections after close").isLessThanOrEqualTo(connections);
        return (SegurException) thrown;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object search(DmpClient dmp) {
        return dmp.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build());
    }

    private static Object retrieveAll(DmpClient dmp) {
        try (RetrievedDocument d = dmp.retrieve(DmpAccess.of(patient), entry); InputStream in = d.content()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError("reading a retrieved document threw an untyped IOException", e);
        }
    }

    private static SegurException searchFails(Fault fault) {
        return failWith(BED.simulator.baseUri(), fault.onPath(DmpBed.REGISTRY), LIMIT, DmpFaultInjectionTest::search);
    }

    private static Consumer<SegurException> transport(boolean retryable, int status) {
        return e -> {
            assertThat(e).isExactlyInstanceOf(TransportException.class);
            assertThat(e.isRetryable()).isEqualTo(retryable);
            assertThat(((TransportException) e).httpStatus()).isEqualTo(status);
            assertThat(e.service()).contains("DMP");
        };
    }

    @Test
    void connectionRefused() {
        URI refused = UnresponsivePort.refusedUri("/si-dmp-server/v2/services/");
        assertThat(failWith(refused, null, LIMIT, DmpFaultInjectionTest::search)).satisfies(transport(true, 0));
    }

    @Test
    void connectTimeout() {
        try (UnresponsivePort port = UnresponsivePort.open()) {
            assertThat(failWith(port.uri("/si-dmp-server/v2/services/"), null,
                    DmpBed.TIMEOUTS.connect().plus(Duration.ofSeconds(6)), DmpFaultInjectionTest::search))
                    .satisfies(transport(true, 0));
        }
    }

    @Test
    void readTimeout() {
        assertThat(searchFails(Fault.delay(Duration.ofSeconds(6)))).satisfies(transport(true, 0));
    }

    @Test
    void resetBeforeTheResponse() {
        assertThat(searchFails(Fault.reset())).satisfies(transport(true, 0));
    }

    @Test
    void connectionClosedMidResponse() {
        assertThat(searchFails(Fault.truncate(200))).isInstanceOf(TransportException.class);
    }

    @Test
    void http500And503WithAnHtmlBody() {
        assertThat(searchFails(Fault.status(500, "text/html", "<html><body>Erreur</body></html>")))
                .satisfies(transport(false, 500));
        assertThat(searchFails(Fault.status(503, "text/html", "<html><body>Maintenance</body></html>")))
                .satisfies(transport(true, 503));
    }

    @Test
    void malformedXml() {
        assertThat(searchFails(Fault.status(200, "application/soap+xml",
                "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><unclosed>")))
                .satisfies(transport(false, 200));
    }

    @Test
    void wrongContentType() {
        assertThat(searchFails(Fault.status(200, "text/html", "<html><body>Portail captif</body></html>")))
                .isExactlyInstanceOf(TransportException.class);
    }

    @Test
    void soapFaultShapes() {
        String soap12 = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                + "<env:Code><env:Value>env:Receiver</env:Value></env:Code>"
                + "<env:Reason><env:Text xml:lang=\"fr\">Indisponible</env:Text></env:Reason></env:Fault></env:Body>"
                + "</env:Envelope>";
        assertThat(searchFails(Fault.status(500, "application/soap+xml", soap12)))
                .isExactlyInstanceOf(ServiceFaultException.class).satisfies(e -> assertThat(e.isRetryable()).isTrue());
        String soap11 = "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault>"
                + "<faultcode>S:Client</faultcode><faultstring>Refus</faultstring></S:Fault></S:Body></S:Envelope>";
        assertThat(searchFails(Fault.status(500, "text/xml", soap11)))
                .isExactlyInstanceOf(ServiceFaultException.class);
    }

    @Test
    void truncatedMtomRetrieval() {
        SegurException e = failWith(BED.simulator.baseUri(), Fault.truncate(400).onPath(DmpBed.REPOSITORY), LIMIT,
                DmpFaultInjectionTest::retrieveAll);
        assertThat(e).isInstanceOf(TransportException.class);
    }
}
