package io.segursdk.cardreader;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.testkit.pki.IssuedCredential;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client-certificate TLS with the card's authentication key, against a loopback server requiring it. */
class CardTlsTest {

    private final SoftHsm hsm = SoftHsm.get();

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void completesAClientCertificateHandshakeWithTheCardKey(String protocol) throws Exception {
        IssuedCredential server = hsm.pki.issueServer("localhost", "127.0.0.1");
        SSLContext serverContext = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(server.toKeyStore("changeit".toCharArray()), "changeit".toCharArray());
        serverContext.init(kmf.getKeyManagers(), trustPkiRoot().getTrustManagers(), null);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0);
             CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-MEDECIN"), SoftHsm.pin("CPS-MEDECIN"))) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<X509Certificate> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    X509Certificate client = (X509Certificate) s.getSession().getPeerCertificates()[0];
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    out.write(in.read());
                    out.flush();
                    return client;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // tag::tls[]
            SigningCredential tlsIdentity = card.authenticationCredential();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {tlsIdentity.keyManager()}, trustPkiRoot().getTrustManagers(), null);
            // end::tls[]
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                    listener.getLocalPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                assertThat(socket.getInputStream().read()).isEqualTo(42);
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
            }
            assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo(hsm.authentication.get("CPS-MEDECIN").certificate());
        }
    }

    private TrustManagerFactory trustPkiRoot() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", hsm.pki.rootCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        return tmf;
    }
}
