package io.segursdk.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

class SimulatorServerTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String SOAP = "application/soap+xml; charset=utf-8";

    private static TestPki pki;
    private static TestPki rogue;
    private static IssuedCredential serverCredential;
    private static IssuedCredential insiAuto;
    private static IssuedCredential rogueInsiAuto;

    private final List<SimulatorServer> servers = new ArrayList<>();

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        rogue = TestPki.create("ROGUE");
        serverCredential = pki.issueServer();
        insiAuto = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        rogueInsiAuto = rogue.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
    }

    @AfterEach
    void closeServers() {
        servers.forEach(SimulatorServer::close);
    }

    private SimulatorServer start(ClientAuth clientAuth) {
        SimulatorServer server = SimulatorServer.builder()
                .pki(pki)
                .serverCredential(serverCredential)
                .clientAuth(clientAuth)
                .build()
                .start();
        servers.add(server);
        server.route("/lps", request -> SimResponse.of(200, SOAP, "<ok/>"));
        return server;
    }

    /**
     * Always presents the same credential, even when the server's list of accepted issuers does not name its CA
     * (the JDK's default key manager would then send no certificate at all): the server's own chain validation is
     * what the negative tests exercise.
     */
    static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final IssuedCredential credential;

        FixedKeyManager(IssuedCredential credential) {
            this.credential = credential;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return credential.chain().toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return credential.privateKey();
        }
    }

    /** A JDK HTTP client trusting the PKI's root, authenticating with {@code credential} (or none). */
    static HttpClient client(TestPki trusted, IssuedCredential credential) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted.trustStore());
        KeyManager[] keyManagers = credential == null ? null : new KeyManager[] {new FixedKeyManager(credential)};
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", SOAP)
                .header("SOAPAction", "urn:test")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestIsCapturedWithTheClientCertificate() throws Exception {
        SimulatorServer server = start(ClientAuth.REQUIRED);

        HttpResponse<String> response = post(client(pki, insiAuto), server.uri("/lps?x=1"), "<request/>");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<ok/>");
        assertThat(response.headers().firstValue("content-type")).hasValue(SOAP);
        assertThat(response.headers().firstValue("server")).isEmpty();
        SimRequest captured = server.lastRequest();
        assertThat(captured.method()).isEqualTo("POST");
        assertThat(captured.path()).isEqualTo("/lps");
        assertThat(captured.query()).hasValue("x=1");
        assertThat(captured.header("soapaction")).hasValue("urn:test");
        assertThat(captured.header("SOAPACTION")).hasValue("urn:test");
        assertThat(captured.contentType()).hasValue(SOAP);
        assertThat(captured.bodyAsString()).isEqualTo("<request/>");
        assertThat(captured.clientCertificate()).hasValue(insiAuto.certificate());
        assertThat(captured.clientCertificates()).startsWith(insiAuto.certificate());
        assertThat(server.captured()).hasSize(1);

        server.clearCaptured();
        assertThat(server.captured()).isEmpty();
        assertThatThrownBy(server::lastRequest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBodyReaderSeesTheBodyAsItArrivesAndDecidesWhatIsKept() throws Exception {
        List<String> types = new ArrayList<>();
        SimulatorServer server = SimulatorServer.builder().pki(pki).serverCredential(serverCredential)
                .bodyReader((contentType, body) -> {
                    types.add(contentType);
                    long n = body.transferTo(java.io.OutputStream.nullOutputStream());
                    return ("<kept bytes=\"" + n + "\"/>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }).build().start();
        servers.add(server);
        server.route("/lps", r -> SimResponse.of(200, SOAP, r.body()));

        HttpResponse<String> response = post(client(pki, null), server.uri("/lps"), "x".repeat(100_000));

        assertThat(response.body()).isEqualTo("<kept bytes=\"100000\"/>");
        assertThat(server.lastRequest().bodyAsString()).isEqualTo("<kept bytes=\"100000\"/>");
        assertThat(types).containsExactly(SOAP);
    }

    @Test
    void cpsAuthenticationCertificateIsAccepted() throws Exception {
        SimulatorServer server = start(ClientAuth.REQUIRED);
        IssuedCredential doctor = pki.issueCps(CpsProfile.physician("10001234567"));

        assertThat(post(client(pki, doctor), server.uri("/lps"), "x").statusCode()).isEqualTo(200);
        assertThat(server.lastRequest().clientCertificate()).hasValue(doctor.certificate());
    }

    @Test
    void noClientCertificateIsRefusedWhenRequired() throws Exception {
        SimulatorServer server = start(ClientAuth.REQUIRED);
        HttpClient anonymous = client(pki, null);

        assertThatThrownBy(() -> post(anonymous, server.uri("/lps"), "x")).isInstanceOf(IOException.class);
        assertThat(server.captured()).isEmpty();
    }

    @Test
    void certificateFromAnotherPkiIsRefused() throws Exception {
        SimulatorServer server = start(ClientAuth.REQUIRED);
        HttpClient foreign = client(pki, rogueInsiAuto);

        assertThatThrownBy(() -> post(foreign, server.uri("/lps"), "x")).isInstanceOf(IOException.class);
        assertThat(server.captured()).isEmpty();
    }

    @Test
    void expiredClientCertificateIsRefused() throws Exception {
        SimulatorServer server = start(ClientAuth.REQUIRED);
        IssuedCredential expired = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872").toBuilder()
                .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")).build());

        assertThatThrownBy(() -> post(client(pki, expired), server.uri("/lps"), "x")).isInstanceOf(IOException.class);
        assertThat(server.captured()).isEmpty();
    }

    @Test
    void signatureOrganisationCertificatePassesTlsSoSimulatorsMustCheckItsUsage() throws Exception {
        // JSSE accepts a client certificate without extended key usage when it has digitalSignature:
        // a simulator that wants an authentication certificate checks the captured certificate itself
        SimulatorServer server = start(ClientAuth.REQUIRED);
        IssuedCredential signature = pki.issueOrganisation(OrganisationProfile.dmpSignature("10B0152872"));

        assertThat(post(client(pki, signature), server.uri("/lps"), "x").statusCode()).isEqualTo(200);
        assertThat(server.lastRequest().clientCertificate().orElseThrow().getExtendedKeyUsage()).isNull();
    }

    @Test
    void extraTrustedRootAcceptsAnotherPki() throws Exception {
        SimulatorServer server = SimulatorServer.builder().pki(pki).serverCredential(serverCredential)
                .clientAuth(ClientAuth.REQUIRED).trust(rogue.rootCertificate()).build().start();
        servers.add(server);
        server.route("/lps", r -> SimResponse.status(204));

        assertThat(post(client(pki, rogueInsiAuto), server.uri("/lps"), "x").statusCode()).isEqualTo(204);
        assertThat(server.lastRequest().clientCertificate()).hasValue(rogueInsiAuto.certificate());
    }

    @Test
    void wantAcceptsClientsWithAndWithoutCertificate() throws Exception {
        SimulatorServer server = start(ClientAuth.WANT);

        assertThat(post(client(pki, null), server.uri("/lps"), "x").statusCode()).isEqualTo(200);
        assertThat(server.lastRequest().clientCertificates()).isEmpty();
        assertThat(post(client(pki, insiAuto), server.uri("/lps"), "x").statusCode()).isEqualTo(200);
        assertThat(server.lastRequest().clientCertificate()).hasValue(insiAuto.certificate());
    }

    @Test
    void clientNotTrustingThePkiRefusesTheServer() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);

        assertThatThrownBy(() -> post(client(rogue, null), server.uri("/lps"), "x"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownPathGets404AndPrefixRoutesMatch() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        server.route("/fhir/*", r -> SimResponse.of(200, "application/fhir+json", "{\"path\":\"" + r.path() + "\"}"));
        HttpClient client = client(pki, null);

        assertThat(post(client, server.uri("/nothing"), "x").statusCode()).isEqualTo(404);
        HttpResponse<String> fhir = post(client, server.uri("/fhir/v2/Practitioner"), "x");
        assertThat(fhir.statusCode()).isEqualTo(200);
        assertThat(fhir.body()).contains("/fhir/v2/Practitioner");
        assertThat(server.captured()).extracting(SimRequest::path).containsExactly("/nothing", "/fhir/v2/Practitioner");
    }

    @Test
    void failingHandlerGives500() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        server.route("/boom", r -> {
            throw new IllegalStateException("simulated bug");
        });

        HttpResponse<String> response = post(client(pki, null), server.uri("/boom"), "x");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("IllegalStateException");
    }

    @Test
    void resetFaultAbortsTheConnection() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        HttpClient client = client(pki, null);
        server.injectFault(Fault.reset());

        assertThatThrownBy(() -> post(client, server.uri("/lps"), "x")).isInstanceOf(IOException.class);
        assertThat(server.captured()).hasSize(1);
        // one-shot: the next request is answered
        assertThat(post(client, server.uri("/lps"), "x").statusCode()).isEqualTo(200);
    }

    @Test
    void delayFaultMakesTheClientTimeOut() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        HttpClient client = client(pki, null);
        // warm the connection so that only the response is delayed
        assertThat(post(client, server.uri("/lps"), "x").statusCode()).isEqualTo(200);
        server.injectFault(Fault.delay(Duration.ofSeconds(30)));

        HttpRequest request = HttpRequest.newBuilder(server.uri("/lps"))
                .timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void delayFaultThenAnswersNormally() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        server.injectFault(Fault.delay(Duration.ofMillis(200)));

        HttpResponse<String> response = post(client(pki, null), server.uri("/lps"), "x");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<ok/>");
    }

    @Test
    void statusFaultAnswersWithItsBodyForTheGivenNumberOfRequests() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        HttpClient client = client(pki, null);
        server.injectFault(Fault.status(503, "text/html", "<html><body>Maintenance</body></html>").times(2));

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = post(client, server.uri("/lps"), "x");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("content-type")).hasValue("text/html");
            assertThat(response.body()).isEqualTo("<html><body>Maintenance</body></html>");
        }
        assertThat(post(client, server.uri("/lps"), "x").statusCode()).isEqualTo(200);
        assertThat(server.captured()).hasSize(3);
    }

    @Test
    void stickyFaultOnPathLastsUntilCleared() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        server.route("/other", r -> SimResponse.status(204));
        HttpClient client = client(pki, null);
        server.injectFault(Fault.status(500, null, null).always().onPath("/lps"));

        for (int i = 0; i < 3; i++) {
            assertThat(post(client, server.uri("/lps"), "x").statusCode()).isEqualTo(500);
        }
        assertThat(post(client, server.uri("/other"), "x").statusCode()).isEqualTo(204);
        server.clearFaults();
        assertThat(post(client, server.uri("/lps"), "x").statusCode()).isEqualTo(200);
    }

    @Test
    void truncateFaultCutsTheBody() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        String big = "<envelope>" + "x".repeat(10_000) + "</envelope>";
        server.route("/big", r -> SimResponse.of(200, SOAP, big));
        HttpClient client = client(pki, null);
        server.injectFault(Fault.truncate(100));

        HttpRequest request = HttpRequest.newBuilder(server.uri("/big")).timeout(Duration.ofSeconds(20)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(big.length());
        byte[] received = new byte[big.length()];
        int total = 0;
        IOException failure = null;
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(received, total, received.length - total)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            failure = e;
        }
        assertThat(total).isEqualTo(100);
        assertThat(new String(received, 0, total, StandardCharsets.UTF_8)).isEqualTo(big.substring(0, 100));
        assertThat(failure).as("the client notices the body is cut").isNotNull();

        assertThat(post(client, server.uri("/big"), "x").body()).isEqualTo(big);
    }

    @Test
    void streamingBodyIsSentChunked() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        int size = 5 * 1024 * 1024;
        server.route("/stream", r -> SimResponse.builder()
                .header("Content-Type", "application/octet-stream")
                .body(out -> {
                    byte[] block = new byte[64 * 1024];
                    for (int written = 0; written < size; written += block.length) {
                        out.write(block);
                    }
                })
                .build());

        HttpRequest request = HttpRequest.newBuilder(server.uri("/stream")).build();
        HttpResponse<byte[]> response = client(pki, null).send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(size);
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
    }

    @Test
    void concurrentRequestsAreAllCaptured() throws Exception {
        SimulatorServer server = start(ClientAuth.REQUIRED);
        HttpClient client = client(pki, insiAuto);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = "request-" + i;
                results.add(pool.submit(() -> post(client, server.uri("/lps"), body).statusCode()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.captured()).hasSize(20)
                .extracting(SimRequest::bodyAsString).doesNotHaveDuplicates();
    }

    @Test
    void closeFreesThePortAndEndsPendingDelays() throws Exception {
        SimulatorServer server = start(ClientAuth.NONE);
        int port = server.port();
        server.injectFault(Fault.delay(Duration.ofMinutes(5)));
        HttpClient client = client(pki, null);
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                post(client, server.uri("/lps"), "x");
            } catch (Exception expected) {
                // the server goes away
            } finally {
                done.countDown();
            }
        });
        caller.start();
        while (server.captured().isEmpty()) {
            Thread.sleep(10);
        }

        server.close();

        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderAndStateErrors() {
        assertThatThrownBy(() -> SimulatorServer.builder().build()).isInstanceOf(NullPointerException.class);
        SimulatorServer server = SimulatorServer.builder().pki(pki).serverCredential(serverCredential).build();
        servers.add(server);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.start();
        assertThat(server.uri("lps").toString()).isEqualTo("https://127.0.0.1:" + server.port() + "/lps");
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }
}
