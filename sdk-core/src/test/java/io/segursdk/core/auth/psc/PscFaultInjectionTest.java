package io.segursdk.core.auth.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.psc.PscSimulator;
import io.segursdk.testkit.psc.RegisteredClient;
import io.segursdk.testkit.psc.TestProfessional;
import io.segursdk.testkit.server.Fault;
import io.segursdk.testkit.server.ThreadSnapshot;
import io.segursdk.testkit.server.UnresponsivePort;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures of the network or of Pro Santé Connect end in a typed exception within the configured timeouts, and a
 * closed client leaves no thread and no connection behind.
 */
class PscFaultInjectionTest {

    private static final TestPki PKI = TestPki.create();
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(3), Duration.ofMillis(2500));
    private static final Duration LIMIT = TIMEOUTS.read().plus(Duration.ofSeconds(6));
    private static PscSimulator psc;

    @BeforeAll
    static void start() {
        psc = PscSimulator.builder(PKI)
                .client(RegisteredClient.secret("lps-web", "web-secret"))
                .professional(TestProfessional.physician("10001234567", "MARTIN", "JEANNE"))
                .build()
                .start();
    }

    @AfterEach
    void clearFaults() {
        psc.server().clearFaults();
    }

    @AfterAll
    static void stop() {
        psc.close();
    }

    private static String discoveryPath() {
        return PscEnvironment.custom(psc.issuer()).discoveryUri().getPath();
    }

    /** A new client reads the discovery document (its first call) and fails; checks type, time and leaks. */
    private static SegurException discoveryFails(URI issuer, Fault fault) {
        if (fault != null) {
            psc.server().injectFault(fault.onPath(discoveryPath()));
        }
        ThreadSnapshot threads = ThreadSnapshot.take();
        int connections = psc.server().openConnections();
        Throwable thrown;
        Duration took;
        try (PscClient client = PscClient.builder().environment(PscEnvironment.custom(issuer)).clientId("lps-web")
                .clientAuthentication(ClientAuthentication.clientSecretBasic("web-secret"))
                .tls(PscTestSupport.tlsFor(psc)).timeouts(TIMEOUTS).build()) {
            long start = System.nanoTime();
            thrown = catchThrowable(client::metadata);
            took = Duration.ofNanos(System.nanoTime() - start);
        }
        assertThat(took).as("failure within the configured timeouts").isLessThan(LIMIT);
        assertThat(thrown).isInstanceOf(SegurException.class);
        assertThat(threads.newThreadsAfter(Duration.ofSeconds(10))).extracting(Thread::getName)
                .as("threads left behind").isEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (psc.server().openConnections() > connections && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(psc.server().openConnections()).as("server-side connections after close").isLessThanOrEqualTo(connections);
        return (SegurException) thrown;
    }

    private static SegurException fails(Fault fault) {
        return discoveryFails(psc.issuer(), fault);
    }

    @Test
    void connectionRefused() {
        URI refused = UnresponsivePort.refusedUri(psc.issuer().getPath());
        assertThat(discoveryFails(refused, null)).isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void connectTimeout() {
        try (UnresponsivePort port = UnresponsivePort.open()) {
            assertThat(discoveryFails(port.uri(psc.issuer().getPath()), null))
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void readTimeout() {
        assertThat(fails(Fault.delay(Duration.ofSeconds(6)))).isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void resetAndTruncation() {
        assertThat(fails(Fault.reset())).isInstanceOf(TransportException.class);
        assertThat(fails(Fault.truncate(40))).isInstanceOf(TransportException.class);
    }

    @Test
    void htmlErrorPages() {
        assertThat(fails(Fault.status(500, "text/html", "<html>Erreur</html>")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
        assertThat(fails(Fault.status(503, "text/html", "<html>Maintenance</html>")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    @Test
    void malformedJsonAndWrongContentType() {
        assertThat(fails(Fault.status(200, "application/json", "{\"issuer\": "))).isInstanceOf(TransportException.class);
        assertThat(fails(Fault.status(200, "text/html", "<html>Portail captif</html>")))
                .isInstanceOf(TransportException.class);
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = "{\"issuer\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}";
        assertThat(fails(Fault.status(200, "application/json", huge)))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.getMessage()).contains("larger than"));
    }
}
