package io.segursdk.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The example of sdk-testkit/README.md, kept compiling and passing here. */
class ReadmeExampleTest {

    // tag::example[]
    private static final TestPki PKI = TestPki.create();   // one per test class: key generation is slow

    @Test
    void insiStyleServiceWithMutualTls() throws Exception {
        IssuedCredential insiAuto = PKI.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));

        try (SimulatorServer server = SimulatorServer.builder()
                .pki(PKI)
                .clientAuth(ClientAuth.REQUIRED)
                .build()
                .start()) {
            server.route("/lps", request -> SimResponse.of(200, "application/soap+xml", "<soap:Envelope/>"));

            // the code under test gets a key store, a trust store and server.uri("/lps")
            char[] password = "changeit".toCharArray();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(insiAuto.toKeyStore(password), password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(PKI.trustStore());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
            HttpRequest post = HttpRequest.newBuilder(server.uri("/lps"))
                    .header("Content-Type", "application/soap+xml")
                    .POST(HttpRequest.BodyPublishers.ofString("<soap:Envelope/>"))
                    .timeout(Duration.ofSeconds(30))
                    .build();

            HttpResponse<String> response = client.send(post, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            SimRequest received = server.lastRequest();
            assertThat(received.header("content-type")).hasValue("application/soap+xml");
            assertThat(received.clientCertificate()).hasValue(insiAuto.certificate());

            // the service is down for maintenance, then resets the connection
            server.injectFault(Fault.status(503, "text/html", "<html>Maintenance</html>"));
            assertThat(client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
            server.injectFault(Fault.reset());
            assertThatThrownBy(() -> client.send(post, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }
    // end::example[]
}
