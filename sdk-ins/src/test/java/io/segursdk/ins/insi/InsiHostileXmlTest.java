package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.server.Fault;
import io.segursdk.testkit.server.SimResponse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile XML in an INSi response: entities pointing at local files or at the network, external DTDs, entity
 * expansion bombs. Each is refused with a typed exception, quickly, without reading the file or fetching the URL.
 */
class InsiHostileXmlTest {

    private static final InsiTestBed BED = new InsiTestBed();
    private static final String SECRET = "TOP-SECRET-MARKER-7f3a";
    private static final String ENV = "http://www.w3.org/2003/05/soap-envelope";

    static {
        BED.server.route("/evil.dtd", r -> SimResponse.of(200, "application/xml-dtd",
                "<!ENTITY leak \"" + SECRET + "\">"));
    }

    @TempDir
    static Path dir;

    @AfterEach
    void clearFaults() {
        BED.server.clearFaults();
    }

    @AfterAll
    static void stop() {
        BED.close();
    }

    private static SegurException refused(String body) {
        BED.server.injectFault(Fault.status(200, "application/soap+xml; charset=utf-8", body)
                .onPath(InsiSimulator.PATH));
        Throwable thrown;
        Duration took;
        try (InsiClient client = BED.clientBuilder().organisationCertificate(BED.insiAuto())
                .timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .retryPolicy(RetryPolicy.none()).build()) {
            // timed from the call: building the client (a new key pair, a cold JVM) is not what the limit is about
            long start = System.nanoTime();
            thrown = catchThrowable(() -> client.searchByTraits(IdentityTraits.builder().birthName("BRANDEVILLE")
                    .birthFirstNames("MAELYS").sex("F").birthDate("1984-05-12").build()));
            took = Duration.ofNanos(System.nanoTime() - start);
        }
        assertThat(took).as("refused within the read timeout, not hung").isLessThan(Duration.ofSeconds(10));
        assertThat(thrown).isInstanceOf(SegurException.class);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET);
        assertThat(BED.server.captured()).noneMatch(r -> r.path().endsWith(".dtd"));
        return (SegurException) thrown;
    }

    private static String envelope(String doctype, String bodyContent) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype + "<env:Envelope xmlns:env=\"" + ENV + "\">"
                + "<env:Body><x:r xmlns:x=\"urn:test\">" + bodyContent + "</x:r></env:Body></env:Envelope>";
    }

    @Test
    void externalEntityOnALocalFileIsRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        assertThat(refused(envelope("<!DOCTYPE env:Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
                "&xxe;"))).isInstanceOf(TransportException.class);
    }

    @Test
    void externalDtdIsNotFetched() {
        refused(envelope("<!DOCTYPE env:Envelope SYSTEM \"" + BED.server.uri("/evil.dtd") + "\">", "&leak;"));
    }

    @Test
    void parameterEntityToTheNetworkIsNotFetched() {
        refused(envelope("<!DOCTYPE env:Envelope [<!ENTITY % p SYSTEM \"" + BED.server.uri("/evil.dtd")
                + "\"> %p;]>", "&leak;"));
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE env:Envelope [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"")
                    .append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        refused(envelope(dtd.toString(), "&l10;"));
    }

    @Test
    void anAnswerAboveTheClientsLimitIsRefusedWithoutBeingHeld() {
        BED.server.injectFault(Fault.status(200, "application/soap+xml; charset=utf-8",
                envelope("", "x".repeat(64 * 1024))).onPath(InsiSimulator.PATH));
        try (InsiClient client = BED.clientBuilder().organisationCertificate(BED.insiAuto())
                .maxResponseBytes(16 * 1024).retryPolicy(RetryPolicy.none()).build()) {
            Throwable thrown = catchThrowable(() -> client.searchByTraits(IdentityTraits.builder()
                    .birthName("BRANDEVILLE").birthFirstNames("MAELYS").sex("F").birthDate("1984-05-12").build()));
            assertThat(thrown).isInstanceOf(TransportException.class).hasMessageContaining("16384");
            assertThat(((TransportException) thrown).isRetryable()).isFalse();
        }
        assertThatThrownBy(() -> BED.clientBuilder().organisationCertificate(BED.insiAuto()).maxResponseBytes(100)
                .build()).isInstanceOf(InvalidRequestException.class).hasMessageContaining("maxResponseBytes");
    }

    @Test
    void internalEntityIsRefusedToo() {
        refused(envelope("<!DOCTYPE env:Envelope [<!ENTITY e \"x\">]>", "&e;"));
    }
}
