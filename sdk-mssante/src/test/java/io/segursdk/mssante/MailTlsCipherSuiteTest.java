package io.segursdk.mssante;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cipher-suite option over the wire: a real TLS server on loopback offering one TLS 1.2 suite only. With
 * {@code ansCipherSuitesOnly(true)} the client refuses a suite outside the MSSanté list (the handshake fails, no token
 * is sent); without it the same server completes the handshake, showing the option made the difference.
 */
class MailTlsCipherSuiteTest {

    private static final TestPki PKI = TestPki.create();
    private static final IssuedCredential SERVER = PKI.issueServer("localhost", "127.0.0.1");

    /** Accepts one connection, handshakes with one suite, then closes with an IMAP BYE; true when it handshook. */
    private static CompletableFuture<Boolean> serveOnce(SSLServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (server; SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(10_000);
                try {
                    s.startHandshake();
                } catch (IOException e) {
                    return false;
                }
                s.getOutputStream().write("* BYE test server\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static SSLServerSocket server(String suite) throws Exception {
        char[] pw = "pw".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(SERVER.toKeyStore(pw), pw);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setEnabledCipherSuites(new String[] {suite});
        return server;
    }

    private static boolean connect(String suite, boolean ansOnly) throws Exception {
        SSLServerSocket server = server(suite);
        CompletableFuture<Boolean> handshook = serveOnce(server);
        AccessTokenSupplier tokens = () -> "not-used";
        try (MssanteClient client = MssanteClient.builder()
                .security(ConnectionSecurity.IMPLICIT_TLS)
                .imap("localhost", server.getLocalPort())
                .smtp("localhost", server.getLocalPort())
                .tls(TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).ansCipherSuitesOnly(ansOnly).build())
                .authentication(MssanteAuthentication.oauthBearer(tokens))
                .mailbox("dr.tls@test.mssante.fr")
                .productReference("SEGUR-SDK-TEST-1.0")
                .build()) {
            assertThatThrownBy(() -> client.messages("INBOX")).isInstanceOf(TransportException.class);
        }
        return handshook.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aSuiteOutsideTheMssanteListIsRefusedOnlyWithTheOption() throws Exception {
        String outside = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
        assertThat(connect(outside, true)).as("handshake with ansCipherSuitesOnly(true)").isFalse();
        assertThat(connect(outside, false)).as("handshake with the JVM's suites").isTrue();
    }

    @Test
    void chaCha20OnTls12IsNotOnTheMssanteList() throws Exception {
        assertThat(connect("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", true)).isFalse();
    }

    @Test
    void everySuiteOnTheMssanteListIsAccepted() throws Exception {
        for (String suite : new String[] {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}) {
            assertThat(connect(suite, true)).as(suite).isTrue();
        }
    }
}
