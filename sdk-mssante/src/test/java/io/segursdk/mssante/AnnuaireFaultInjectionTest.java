package io.segursdk.mssante;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.testkit.server.ThreadSnapshot;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AnnuaireClient against a WireMock server that misbehaves: each failure is a typed exception within the configured
 * timeouts, never carrying the API key, and the client leaves no thread behind.
 */
class AnnuaireFaultInjectionTest {

    static final String KEY = "fault-api-key-0123456789";
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
    static final Duration LIMIT = Duration.ofSeconds(8);

    WireMockServer stub;

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        // one request first, so that WireMock's own pooled server threads exist before any thread snapshot
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", stub.port())) {
            s.getOutputStream().write(("GET /warm-up HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    SegurException fails(ResponseDefinitionBuilder response) {
        Throwable t = outcome(response);
        assertThat(t).isInstanceOf(SegurException.class);
        return (SegurException) t;
    }

    /** @return what the search threw, or {@code null}; checks time, secrecy and threads */
    Throwable outcome(ResponseDefinitionBuilder response) {
        stub.stubFor(get(anyUrl()).willReturn(response));
        ThreadSnapshot threads = ThreadSnapshot.take();
        Throwable t;
        Duration took;
        try (AnnuaireClient annuaire = AnnuaireClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + stub.port() + "/fhir/v2")).apiKey(KEY)
                .timeouts(TIMEOUTS).build()) {
            long start = System.nanoTime();
            t = catchThrowable(() -> annuaire.search(MailboxSearch.byNationalId("10003461033")));
            took = Duration.ofNanos(System.nanoTime() - start);
        }
        if (t != null) {
            assertThat(t).isInstanceOf(SegurException.class);
            assertThat(t.getMessage()).doesNotContain(KEY);
        }
        assertThat(took).as("within the configured timeouts").isLessThan(LIMIT);
        // WireMock's own (server-side) Jetty threads come and go: only the client's count
        assertThat(threads.newThreadsAfter(Duration.ofSeconds(10))).extracting(Thread::getName)
                .filteredOn(name -> !name.startsWith("qtp") && !name.startsWith("Connector-Scheduler"))
                .as("threads left behind").isEmpty();
        return t;
    }

    @Test
    void http500WithAnHtmlPageIsARetryableTransportError() {
        SegurException e = fails(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>500 Internal Server Error</h1></body></html>"));
        assertThat(e).isInstanceOf(SegurException.class);
        assertThat(e).isNotInstanceOf(ServiceFaultException.class);
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> assertThat(t.httpStatus()).isEqualTo(500));
    }

    @Test
    void malformedJsonIsANonRetryableTransportError() {
        SegurException e = fails(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":"));
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> assertThat(t.isRetryable()).isFalse());
    }

    @Test
    void jsonOfTheWrongShapeIsReadLenientlyOrRefusedWithATypedError() {
        // a Bundle whose fields have the wrong types: nothing to read, or a typed refusal, never a raw exception
        assertThat(outcome(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody("{\"resourceType\":\"Bundle\",\"entry\":\"not an array\",\"link\":42}")))
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(SegurException.class));
        assertThat(outcome(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody("[1, 2, {\"entry\": [{\"resource\": 7}]}]")))
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(SegurException.class));
    }

    @Test
    void connectionResetIsARetryableTransportError() {
        SegurException e = fails(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> assertThat(t.isRetryable()).isTrue());
    }

    @Test
    void garbageThenCloseIsATypedError() {
        assertThat(fails(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE))).isInstanceOf(TransportException.class);
        assertThat(fails(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK))).isInstanceOf(TransportException.class);
        assertThat(fails(aResponse().withFault(Fault.EMPTY_RESPONSE))).isInstanceOf(TransportException.class);
    }

    @Test
    void delayBeyondTheReadTimeoutIsARetryableTransportError() {
        SegurException e = fails(aResponse().withStatus(200).withFixedDelay(4000)
                .withHeader("Content-Type", "application/fhir+json").withBody("{\"resourceType\":\"Bundle\"}"));
        assertThat(e).isInstanceOfSatisfying(TransportException.class, t -> {
            assertThat(t.isRetryable()).isTrue();
            assertThat(t.httpStatus()).isZero();
        });
    }

    @Test
    void http429CarriesTheServersRetryAfter() {
        SegurException e = fails(aResponse().withStatus(429).withHeader("Retry-After", "12")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Rate limit exceeded\"}"));
        assertThat(e).isInstanceOfSatisfying(AnnuaireRateLimitException.class, r -> {
            assertThat(r.isRetryable()).isTrue();
            assertThat(r.httpStatus()).isEqualTo(429);
            assertThat(r.retryAfter()).contains(Duration.ofSeconds(12));
        });
    }

    @Test
    void http429WithoutAUsableRetryAfterIsStillTyped() {
        SegurException e = fails(aResponse().withStatus(429).withHeader("Retry-After", "soon, maybe"));
        assertThat(e).isInstanceOfSatisfying(AnnuaireRateLimitException.class,
                r -> assertThat(r.isRetryable()).isTrue());
    }
}
