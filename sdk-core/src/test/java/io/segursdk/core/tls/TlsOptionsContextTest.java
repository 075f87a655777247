package io.segursdk.core.tls;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetAddress;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public TLS factory: only the anchors are trusted, the credential is presented, the parameters are applied. */
class TlsOptionsContextTest {

    private static final TestPki PKI = TestPki.create();
    private static final char[] PW = "pw".toCharArray();

    @Test
    void handshakePresentsTheCredentialAndTrustsOnlyTheAnchors() throws Exception {
        IssuedCredential client = PKI.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
        SoftwareCredential credential = SoftwareCredential.of(client.privateKey(), client.chain());
        TlsOptions options = TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).ansCipherSuitesOnly(true).build();
        assertThat(handshake(options, options.sslContext(credential)).join())
                .isEqualTo(client.certificate().getSubjectX500Principal());

        TlsOptions foreign = TlsOptions.builder().addTrustAnchor(TestPki.create("ROGUE").rootCertificate()).build();
        assertThatThrownBy(() -> handshake(foreign, foreign.sslContext(null)))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void parametersCarryProtocolsSuitesAndHostnameVerification() {
        TlsOptions options = TlsOptions.builder().addTrustAnchor(PKI.rootCertificate())
                .protocols("TLSv1.2").ansCipherSuitesOnly(true).build();
        SSLParameters params = options.sslParameters(options.sslContext(null));
        assertThat(params.getProtocols()).containsExactly("TLSv1.2");
        assertThat(params.getCipherSuites()).isNotEmpty().allMatch(TlsOptions.ANS_CIPHER_SUITES::contains);
        assertThat(params.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    private static CompletableFuture<Principal> handshake(TlsOptions options, SSLContext clientContext) throws Exception {
        IssuedCredential server = PKI.issueServer("localhost");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(server.toKeyStore(PW), PW);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setWantClientAuth(true);
        CompletableFuture<Principal> peer = CompletableFuture.supplyAsync(() -> {
            try (listener; SSLSocket s = (SSLSocket) listener.accept()) {
                s.startHandshake();
                return s.getSession().getPeerPrincipal();
            } catch (Exception e) {
                return null;
            }
        });
        try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
            socket.setSSLParameters(options.sslParameters(clientContext));
            socket.startHandshake();
            socket.getInputStream().available();
        } finally {
            peer.get(10, TimeUnit.SECONDS);
        }
        return peer;
    }
}
