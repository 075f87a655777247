package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.server.Fault;
import io.segursdk.testkit.server.ThreadSnapshot;
import io.segursdk.testkit.server.UnresponsivePort;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of failure of the network or of INSi ends in the right typed exception, within the configured
 * timeouts, and leaves no thread and no connection behind once the client is closed.
 */
class InsiFaultInjectionTest {

    /**
     * CXF's timer for the delayed deletion of cached streams, of CXF's default bus: started once, the first time a
     * response times out, and shared afterwards. Allowed once; one per client would be a leak.
     */
    static final String CXF_SHARED = "DelayedCachedOutputStreamCleaner";
    static final Set<Thread> SHARED_SEEN = ConcurrentHashMap.newKeySet();

    private static final InsiTestBed BED = new InsiTestBed();
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(3), Duration.ofMillis(2500));
    /** The limit each failure must come within: the timeout plus headroom for a loaded machine. */
    private static final Duration HEADROOM = Duration.ofSeconds(6);
    private static final String SOAP11_FAULT = "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>Erreur interne</faultstring>"
            + "</S:Fault></S:Body></S:Envelope>";
    private static final String SOAP12_FAULT_NO_DETAIL = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">"
            + "<env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code>"
            + "<env:Reason><env:Text xml:lang=\"fr\">Requête invalide</env:Text></env:Reason>"
            + "</env:Fault></env:Body></env:Envelope>";

    @AfterEach
    void clearFaults() {
        BED.server.clearFaults();
    }

    @AfterAll
    static void stop() {
        BED.close();
    }

    private static IdentityTraits traits() {
        return IdentityTraits.builder().birthName("BRANDEVILLE").birthFirstNames("MAELYS").sex("F")
                .birthDate("1984-05-12").build();
    }

    /** Builds a client without retry, makes one search, closes the client, checks the failure and the leaks. */
    private static SegurException failWith(URI endpoint, Fault fault, Duration limit) {
        if (fault != null) {
            BED.server.injectFault(fault.onPath(InsiSimulator.PATH));
        }
        ThreadSnapshot threads = ThreadSnapshot.take();
        int connections = BED.server.openConnections();
        Throwable thrown;
        Duration took;
        try (InsiClient client = BED.clientBuilder().endpoint(endpoint).organisationCertificate(BED.insiAuto())
                .timeouts(TIMEOUTS).retryPolicy(RetryPolicy.none()).build()) {
            long start = System.nanoTime();
            thrown = catchThrowable(() -> client.searchByTraits(traits()));
            took = Duration.ofNanos(System.nanoTime() - start);
        }
        assertThat(thrown).as("a typed exception").isInstanceOf(SegurException.class);
        assertThat(took).as("failure within the configured timeouts").isLessThan(limit);
        List<Thread> left = threads.newThreadsAfter(Duration.ofSeconds(10));
        left.stream().filter(t -> t.getName().equals(CXF_SHARED)).forEach(SHARED_SEEN::add);
        assertThat(left).extracting(Thread::getName).as("threads left behind").allMatch(CXF_SHARED::equals);
        assertThat(SHARED_SEEN).as("CXF's shared cleaner is started once, not once per client").hasSizeLessThanOrEqualTo(1);
        awaitConnections(connections);
        return (SegurException) thrown;
    }

    private static SegurException failWith(Fault fault) {
        return failWith(BED.insi.endpoint(), fault, TIMEOUTS.read().plus(HEADROOM));
    }

    static void awaitConnections(int baseline) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (BED.server.openConnections() > baseline && System.nanoTime() < deadline) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(BED.server.openConnections()).as("server-side connections after close").isLessThanOrEqualTo(baseline);
    }

    private static Consumer<SegurException> transport(boolean retryable, int status) {
        return e -> {
            assertThat(e).isExactlyInstanceOf(TransportException.class);
            assertThat(e.isRetryable()).isEqualTo(retryable);
            assertThat(((TransportException) e).httpStatus()).isEqualTo(status);
            assertThat(e.service()).contains("INSi");
        };
    }

    @Test
    void connectionRefused() {
        assertThat(failWith(UnresponsivePort.refusedUri("/lps"), null, TIMEOUTS.connect().plus(HEADROOM)))
                .satisfies(transport(true, 0));
    }

    @Test
    void connectTimeout() {
        try (UnresponsivePort port = UnresponsivePort.open()) {
            assertThat(failWith(port.uri("/lps"), null, TIMEOUTS.connect().plus(HEADROOM)))
                    .satisfies(transport(true, 0))
                    .satisfies(e -> assertThat(e.getMessage()).contains("connecting"));
        }
    }

    @Test
    void readTimeout() {
        assertThat(failWith(Fault.delay(Duration.ofSeconds(6)))).satisfies(transport(true, 0))
                .satisfies(e -> assertThat(e.getMessage()).contains("Timed out waiting"));
    }

    @Test
    void resetBeforeTheResponse() {
        assertThat(failWith(Fault.reset())).satisfies(transport(true, 0));
    }

    @Test
    void connectionClosedMidResponse() {
        assertThat(failWith(Fault.truncate(120))).isInstanceOf(TransportException.class);
    }

    @Test
    void http500WithAnHtmlBody() {
        assertThat(failWith(Fault.status(500, "text/html", "<html><body>Internal error</body></html>")))
                .satisfies(transport(false, 500));
    }

    @Test
    void http503WithAnHtmlBody() {
        assertThat(failWith(Fault.status(503, "text/html", "<html><body>Maintenance</body></html>")))
                .satisfies(transport(true, 503));
    }

    @Test
    void malformedXml() {
        assertThat(failWith(Fault.status(200, "application/soap+xml",
                "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><unclosed>")))
                .satisfies(transport(false, 200));
    }

    @Test
    void wrongContentType() {
        assertThat(failWith(Fault.status(200, "text/html", "<html><body>Portail captif</body></html>")))
                .isExactlyInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(e.isRetryable()).isFalse());
    }

    @Test
    void soap12SenderFaultWithDetail() {
        BED.insi.failNext("Sender", null, "insi_24", "Le format du champ sexe est incorrect");
        assertThat(failWith(null)).isExactlyInstanceOf(ServiceFaultException.class)
                .satisfies(e -> assertThat(((ServiceFaultException) e).detailCode()).contains("insi_24"));
    }

    @Test
    void soap12ReceiverFaultIsRetryable() {
        BED.insi.failNext("Receiver", null, "SIMU_INDISPONIBLE", "Service momentanément indisponible");
        assertThat(failWith(null)).isExactlyInstanceOf(ServiceFaultException.class)
                .satisfies(e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void soap12FaultWithSiramSubcodeIsAccessDenied() {
        BED.insi.failNext("Sender", "siram_100", "desir_550", "Le progiciel n'est pas autorisé");
        assertThat(failWith(null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void soap12FaultWithoutDetail() {
        assertThat(failWith(Fault.status(500, "application/soap+xml", SOAP12_FAULT_NO_DETAIL)))
                .isExactlyInstanceOf(ServiceFaultException.class)
                .satisfies(e -> assertThat(e.code()).contains("Sender"));
    }

    @Test
    void soap11FaultFromAnIntermediary() {
        assertThat(failWith(Fault.status(500, "text/xml; charset=utf-8", SOAP11_FAULT)))
                .isExactlyInstanceOf(ServiceFaultException.class);
    }

    @Test
    void defaultPolicyRetriesA503ThenSucceeds() {
        BED.server.injectFault(Fault.status(503, "text/html", "<html>Maintenance</html>").times(2)
                .onPath(InsiSimulator.PATH));
        try (InsiClient client = BED.clientBuilder().organisationCertificate(BED.insiAuto()).timeouts(TIMEOUTS)
                .retryPolicy(RetryPolicy.builder().backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build())
                .build()) {
            assertThat(client.searchByTraits(traits()).outcome()).isEqualTo(InsiOutcome.FOUND);
        }
    }
}
