package io.segursdk.core.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS as every client sets it up: the vendor's trust anchors only, TLS 1.2/1.3 only, the ANS cipher suites on
 * request, hostname verification always on, the credential presented as client certificate. Handshakes run against a
 * JDK TLS server on loopback.
 */
class TlsContextsTest {

    private static TestPki pki;
    private static SigningCredential client;
    private static TlsOptions trustPki;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        IssuedCredential org = pki.issueOrganisation(OrganisationProfile.dmpAuthentication("10B0152872"));
        client = SoftwareCredential.of(org.privateKey(), org.chain());
        trustPki = TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build();
    }

    @Test
    void optionsReportEveryProblemAtOnce() {
        assertThatThrownBy(() -> TlsOptions.builder().protocols("TLSv1.1", "SSLv3").build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .containsExactly("tls.trustAnchors", "tls.protocols", "tls.protocols"));
    }

    @Test
    void ansRestrictionOffersOnlyTheListedSuites() {
        TlsOptions ans = trustPki.toBuilder().ansCipherSuitesOnly(true).build();
        SSLContext context = TlsContexts.sslContext(client, ans);
        var params = TlsContexts.sslParameters(context, ans);
        assertThat(params.getCipherSuites()).isNotEmpty().allMatch(TlsOptions.ANS_CIPHER_SUITES::contains);
        assertThat(params.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(params.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void handshakeSucceedsWithAnAnsSuiteAndPresentsTheClientCertificate() throws Exception {
        TlsOptions ans = trustPki.toBuilder().ansCipherSuitesOnly(true).protocols("TLSv1.2").build();
        try (Server server = new Server(pki.issueServer("localhost", "127.0.0.1"),
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
            server.acceptOne();
            assertThat(handshake(ans, "localhost", server.port())).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(server.peer()).contains("CN=DMP").contains("OU=10B0152872");
        }
    }

    @Test
    void serverOfferingOnlyANonAnsSuiteIsRefused() throws Exception {
        TlsOptions ans = trustPki.toBuilder().ansCipherSuitesOnly(true).protocols("TLSv1.2").build();
        try (Server server = new Server(pki.issueServer("localhost", "127.0.0.1"), "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
            server.acceptOne();
            assertThatThrownBy(() -> handshake(ans, "localhost", server.port())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void hostnameMismatchIsRefused() throws Exception {
        try (Server server = new Server(pki.issueServer("insi.example.org"), null)) {
            server.acceptOne();
            assertThatThrownBy(() -> handshake(trustPki, "localhost", server.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("localhost");
        }
    }

    @Test
    void serverFromAnotherPkiIsRefused() throws Exception {
        TestPki other = TestPki.create("AUTRE");
        try (Server server = new Server(other.issueServer("localhost", "127.0.0.1"), null)) {
            server.acceptOne();
            assertThatThrownBy(() -> handshake(trustPki, "localhost", server.port()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    /** Connects, handshakes, returns the negotiated suite. */
    private static String handshake(TlsOptions options, String host, int port) throws IOException {
        SSLContext context = TlsContexts.sslContext(client, options);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
            socket.setSSLParameters(TlsContexts.sslParameters(context, options));
            socket.setSoTimeout(5000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(1);
            out.flush();
            socket.getInputStream().read();
            return socket.getSession().getCipherSuite();
        }
    }

    /** A one-connection TLS server requiring a client certificate from the PKI. */
    private static final class Server implements AutoCloseable {
        private final SSLServerSocket socket;
        private CompletableFuture<String> peer;

        Server(IssuedCredential identity, String onlySuite) throws Exception {
            char[] pw = "x".toCharArray();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(identity.toKeyStore(pw), pw);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", pki.rootCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                    InetAddress.getLoopbackAddress());
            socket.setNeedClientAuth(true);
            if (onlySuite != null) {
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.setEnabledCipherSuites(new String[] {onlySuite});
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        void acceptOne() {
            peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.setSoTimeout(5000);
                    InputStream in = s.getInputStream();
                    in.read();
                    String subject = ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                    s.getOutputStream().write(2);
                    s.getOutputStream().flush();
                    return subject;
                } catch (IOException e) {
                    return "refused: " + e.getMessage();
                }
            });
        }

        String peer() throws Exception {
            return peer.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void explicitSuitesOverrideTheAnsSwitch() {
        TlsOptions explicit = trustPki.toBuilder().ansCipherSuitesOnly(true)
                .cipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).build();
        assertThat(explicit.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }
}
