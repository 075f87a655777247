package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.TransportException;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimulatorServer;
import io.segursdk.testkit.insi.InsiSimulator;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * TLS refusals seen from the INSi client: a server that insists on TLS 1.0 or 1.1, and an expired client certificate
 * refused by the server. The other TLS refusals are covered in sdk-core: a server certificate outside the configured
 * trust ({@code SoapClientFaultTest.untrustedServerIsRefusedWithAClearMessage},
 * {@code TlsContextsTest.serverFromAnotherPkiIsRefused}), a host name mismatch
 * ({@code SoapClientFaultTest.hostNameMismatchIsRefused}, {@code TlsContextsTest.hostnameMismatchIsRefused}), and
 * TLS 1.0/1.1 refused as configuration ({@code TlsContextsTest.optionsReportEveryProblemAtOnce}).
 */
class InsiTlsNegativeTest {

    private static final InsiTestBed BED = new InsiTestBed();
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @AfterAll
    static void stop() {
        BED.close();
    }

    private static IdentityTraits traits() {
        return IdentityTraits.builder().birthName("BRANDEVILLE").birthFirstNames("MAELYS").sex("F")
                .birthDate("1984-05-12").build();
    }

    /**
     * A server that insists on an old protocol: it reads the client's ClientHello, records the versions offered
     * (supported_versions), and answers a fatal {@code protocol_version} alert, as a TLS 1.0/1.1-only server does.
     * (A JDK server cannot be limited to TLS 1.1 here: the JDK disables it JVM-wide, and the tests must not change
     * security properties.)
     */
    private static Throwable callOldTlsServer(List<Integer> offered) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            AtomicReference<Exception> serverError = new AtomicReference<>();
            Thread acceptor = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5000);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] header = new byte[5];
                    in.readFully(header);
                    byte[] record = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
                    in.readFully(record);
                    offered.addAll(supportedVersions(ByteBuffer.wrap(record)));
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {0x15, 0x03, 0x02, 0x00, 0x02, 0x02, 0x46}); // alert: fatal, protocol_version
                    out.flush();
                } catch (Exception e) {
                    offered.add(-1);
                    serverError.set(e);
                }
            }, "old-tls-server");
            acceptor.setDaemon(true);
            acceptor.start();
            URI endpoint = URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/lps");
            Throwable thrown;
            try (InsiClient client = BED.clientBuilder().endpoint(endpoint).organisationCertificate(BED.insiAuto())
                    .timeouts(TIMEOUTS).retryPolicy(RetryPolicy.none()).build()) {
                thrown = catchThrowable(() -> client.searchByTraits(traits()));
            }
            acceptor.join(10_000);
            assertThat(acceptor.isAlive()).isFalse();
            assertThat(serverError.get()).as("the server read a ClientHello").isNull();
            return thrown;
        }
    }

    /** The versions of a ClientHello's supported_versions extension (handshake message after the record header). */
    private static List<Integer> supportedVersions(ByteBuffer b) {
        List<Integer> versions = new ArrayList<>();
        b.get();                                  // handshake type: client_hello
        b.position(b.position() + 3);             // length
        versions.add(b.getShort() & 0xffff);      // legacy_version
        b.position(b.position() + 32);            // random
        int sessionId = b.get() & 0xff;
        b.position(b.position() + sessionId);
        int cipherSuites = b.getShort() & 0xffff;
        b.position(b.position() + cipherSuites);
        int compressions = b.get() & 0xff;
        b.position(b.position() + compressions);
        int extensionsLength = b.getShort() & 0xffff;
        int end = b.position() + extensionsLength;
        while (b.position() < end && b.remaining() >= 4) {
            int type = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            if (type == 0x002b) {
                int count = (b.get() & 0xff) / 2;
                for (int i = 0; i < count; i++) {
                    versions.add(b.getShort() & 0xffff);
                }
                return versions;
            }
            b.position(b.position() + length);
        }
        return versions;
    }

    @Test
    void clientOffersNoOldProtocolAndAnOldServerIsRefusedWithAClearError() throws Exception {
        List<Integer> offered = new CopyOnWriteArrayList<>();
        Throwable thrown = callOldTlsServer(offered);
        assertThat(offered).as("legacy version, then supported_versions").isNotEmpty()
                .doesNotContain(0x0300, 0x0301, 0x0302)            // SSL 3.0, TLS 1.0, TLS 1.1
                .contains(0x0303);                                 // TLS 1.2
        assertThat(thrown).isExactlyInstanceOf(TransportException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains("TLS").contains("protocol_version");
                    assertThat(((TransportException) e).isRetryable()).isFalse();
                });
    }

    @Test
    void expiredClientCertificateIsRefusedByTheServerWithAClearError() {
        IssuedCredential expired = BED.pki.issueOrganisation(OrganisationProfile.insiAuto(InsiTestBed.STRUCTURE_ID)
                .toBuilder().validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"))
                .build());
        try (SimulatorServer strict = SimulatorServer.builder().pki(BED.pki).clientAuth(ClientAuth.REQUIRED).build()
                .start()) {
            InsiSimulator.builder().authorisationNumber(InsiTestBed.IDAM).install(strict);
            try (InsiClient client = BED.clientBuilder().endpoint(strict.uri(InsiSimulator.PATH))
                    .organisationCertificate(BED.credential(expired)).timeouts(TIMEOUTS)
                    .retryPolicy(RetryPolicy.none()).build()) {
                assertThat(catchThrowable(() -> client.searchByTraits(traits())))
                        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                            // The alert, or (depending on timing) the connection closed while the request was
                            // being written: either way the message says the certificate was refused.
                            assertThat(e.getMessage()).contains("refused").contains("certificate");
                            assertThat(e.isRetryable()).isFalse();
                        });
                assertThat(strict.captured()).isEmpty();
            }
        }
    }
}
