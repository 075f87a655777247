package io.segursdk.benchmarks;

import io.segursdk.core.config.SoftwareInfo;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiProfessional;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimulatorServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The testkit's INSi simulator on loopback (HTTPS, server-authenticated: the professional-card mode, where every call
 * carries an assertion PS signed afresh), and what a caller needs: the professional's signature credential, the
 * software's identity and trust in the test PKI. The first request an {@link InsiClient} sends is kept, for the raw
 * baseline to send the same bytes.
 */
public final class InsiScenario implements AutoCloseable {

    static final char[] PASSWORD = "bench".toCharArray();
    static final String IDAM = "SEGURBENCH01";
    static final String NATIONAL_ID = "810001234567";
    static final String ACTION_TRAITS = InsiSimulator.ACTION_TRAITS;

    private final TestPki pki;
    private final SimulatorServer server;
    private final InsiSimulator insi;
    private final IssuedCredential professional;
    private final AtomicReference<byte[]> firstRequest = new AtomicReference<>();
    private final AtomicReference<java.util.Queue<Long>> arrivals = new AtomicReference<>();

    /** Starts the simulator. */
    public InsiScenario() {
        pki = TestPki.create("BENCH");
        professional = pki.issueCps(CpsProfile.physician("10001234567").toBuilder().usage(CpsUsage.SIGNATURE).build());
        server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.WANT).build().start();
        insi = InsiSimulator.builder().authorisationNumber(IDAM).install(server);
        server.route(InsiSimulator.PATH, request -> {
            firstRequest.compareAndSet(null, request.body());
            java.util.Queue<Long> log = arrivals.get();
            if (log != null) {
                log.add(System.nanoTime());
            }
            server.clearCaptured(); // keep the simulator's request log from growing during long runs
            return insi.handle(request);
        });
    }

    /** @return the endpoint */
    public URI endpoint() {
        return insi.endpoint();
    }

    /** @return the professional's signature credential (the card's signature key, here in software) */
    public SigningCredential signer() {
        return SoftwareCredential.of(professional.privateKey(), professional.chain());
    }

    /** @return trust in the test PKI */
    public TlsOptions tls() {
        return TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();
    }

    /** @return the traits of a persona the simulator finds (one first name: one call per search) */
    static IdentityTraits traits() {
        return IdentityTraits.builder().birthName("BRANDEVILLE").birthFirstNames("MAELYS").sex("F")
                .birthDate("1984-05-12").build();
    }

    /**
     * @param endpoint the INSi endpoint
     * @param signer   the professional's signature credential
     * @param tls      trust settings
     * @return an INSi client in professional-card mode, through the public API only
     */
    static InsiClient client(URI endpoint, SigningCredential signer, TlsOptions tls) {
        return InsiClient.builder()
                .endpoint(endpoint)
                .professional(InsiProfessional.builder().signatureCredential(signer).nationalId(NATIONAL_ID)
                        .billingId("123456789").activitySector("SA07").build())
                .tls(tls)
                .software(SoftwareInfo.builder().productName("SegurBench").productVersion("1.0.0")
                        .installationId(UUID.fromString("0b5c7a52-3e61-4d0f-8f7e-6a2f1c9d4e11"))
                        .insiAuthorisationNumber(IDAM).build())
                .build();
    }

    /** @return a new INSi client of this simulator */
    public InsiClient client() {
        return client(endpoint(), signer(), tls());
    }

    /**
     * @return the bytes of the first request an INSi client sent (one search is made for it if none was)
     */
    public byte[] requestTemplate() {
        if (firstRequest.get() == null) {
            try (InsiClient c = client()) {
                c.searchByTraits(traits());
            }
        }
        return firstRequest.get();
    }

    /**
     * Writes what a separate JVM needs: the signature credential (PKCS#12), the root certificate and the request
     * template of the raw baseline.
     *
     * @param dir the directory
     * @throws IOException when writing fails
     */
    public void writeFiles(Path dir) throws IOException {
        professional.writePkcs12(dir.resolve("signer.p12"), PASSWORD);
        try {
            Files.write(dir.resolve("root.der"), pki.rootCertificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
        Files.write(dir.resolve("request.xml"), requestTemplate());
    }

    /** Starts recording when each request arrives (nanoTime), forgetting earlier ones. */
    void recordArrivals() {
        arrivals.set(new java.util.concurrent.ConcurrentLinkedQueue<>());
    }

    /** @return the arrivals recorded since {@link #recordArrivals()}, sorted; recording stops */
    long[] arrivals() {
        java.util.Queue<Long> log = arrivals.getAndSet(null);
        return log == null ? new long[0] : log.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** @return the test PKI */
    public TestPki pki() {
        return pki;
    }

    @Override
    public void close() {
        server.close();
    }
}
