package io.segursdk.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.segursdk.core.credentials.SoftwareCredential;
import io.segursdk.core.soap.SoapClient;
import io.segursdk.core.soap.SoapEngine;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.soap.support.LoopbackServer;
import io.segursdk.core.soap.support.LoopbackServer.Reply;
import io.segursdk.core.soap.support.TestCerts;
import io.segursdk.core.soap.support.Xml;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SoapResponses;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Apache HttpClient 5's wire and header loggers at TRACE never see the SDK's traffic. Runs in its own JVM (the
 * {@code hc-loggers} execution of Surefire in this module's POM) with those loggers at TRACE and every other logger
 * at DEBUG, written to a file that the test reads back.
 */
class HttpClientLoggersTest {

    static final Path LOG = Path.of("target", "hc-loggers.log");
    static final String WIRE = "org.apache.hc.client5.http.wire";
    static final String HEADERS = "org.apache.hc.client5.http.headers";

    /** The test patient: none of these may reach a log. */
    static final List<String> PHI = List.of("2920138185001", "DUPONT-PHI", "JEANNE-PHI", "1992-01-31",
            "MARTIN-PHI");
    static final String ASSERTION_ID = "ASSERTION-7f3a9c";

    @Test
    void httpClientsOwnLoggersNeverSeeTheSdksTraffic() throws Exception {
        assumeTrue(LOG.toString().equals(System.getProperty("org.slf4j.simpleLogger.logFile")),
                "run by the hc-loggers execution of Surefire");
        assertThat(LoggerFactory.getLogger(WIRE).isTraceEnabled()).as("wire logger at TRACE").isTrue();
        assertThat(LoggerFactory.getLogger(HEADERS).isTraceEnabled()).as("headers logger at TRACE").isTrue();

        // Control: HttpClient's default connections do print the bytes, so this set-up would catch a leak.
        String control = controlExchange();
        String before = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(before).as("HttpClient's default connections print bodies and headers at DEBUG")
                .contains(control).contains(WIRE).contains(HEADERS);
        int offset = before.length();

        TestCerts pki = TestCerts.create("HC LOGGERS ROOT");
        TestCerts.Issued cert = pki.client("INSI-AUTO");
        try (LoopbackServer server = LoopbackServer.start(pki.server(), pki.root())) {
            server.route("/insi", req -> Reply.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope("urn:r",
                    InboundSoap.parse(req.contentType(), req.body()).messageId().orElse(null),
                    "<R xmlns=\"urn:r\"><NomNaissance>MARTIN-PHI</NomNaissance><NumIdentifiant>2920138185001"
                            + "</NumIdentifiant><DateNaissance>1992-01-31</DateNaissance></R>")));
            server.route("/fault", req -> Reply.of(400, "application/soap+xml; charset=utf-8", ("<e:Envelope"
                    + " xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body><e:Fault><e:Code><e:Value>"
                    + "e:Sender</e:Value></e:Code><e:Reason><e:Text xml:lang=\"fr\">INS 2920138185001 inconnu"
                    + "</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>").getBytes(StandardCharsets.UTF_8)));
            for (SoapEngine engine : SoapEngine.values()) {
                for (String path : List.of("/insi", "/fault")) {
                    try (SoapClient client = SoapClient.builder().service("INSi").endpoint(server.uri(path))
                            .credential(SoftwareCredential.of(cert.privateKey(), cert.chain()))
                            .tls(TlsOptions.builder().addTrustAnchor(pki.root()).build()).engine(engine).build()) {
                        SoapRequest request = SoapRequest.builder().action("urn:insi:search")
                                .securityToken(Xml.parse("<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:"
                                        + "2.0:assertion\" ID=\"" + ASSERTION_ID + "\"><saml2:Subject>professional"
                                        + "</saml2:Subject></saml2:Assertion>"))
                                .body(Xml.parse("<Q xmlns=\"urn:q\"><NomNaissance>DUPONT-PHI</NomNaissance>"
                                        + "<Prenom>JEANNE-PHI</Prenom><DateNaissance>1992-01-31</DateNaissance>"
                                        + "<NIR>2920138185001</NIR></Q>"))
                                .build();
                        try (SoapResponse ignored = client.call(request)) {
                            assertThat(path).isEqualTo("/insi");
                        } catch (io.segursdk.core.error.SegurException e) {
                            assertThat(path).isEqualTo("/fault");
                        }
                    }
                }
            }
            assertThat(server.captured()).hasSize(4);
        }
        String logs = Files.readString(LOG, StandardCharsets.UTF_8).substring(offset);
        assertThat(logs).as("the calls were logged at DEBUG").contains("io.segursdk");
        assertThat(logs).as("HttpClient's wire logger").doesNotContain(WIRE);
        assertThat(logs).as("HttpClient's header logger").doesNotContain(HEADERS);
        for (String datum : PHI) {
            assertThat(logs).as("logs must not contain %s...", datum.substring(0, 4)).doesNotContain(datum);
        }
        // The SDK's own wire log shows the security header's structure, once per request; nothing else may.
        int requests = logs.split("DEBUG io\\.segursdk\\.wire\\.INSi - --> ", -1).length - 1;
        assertThat(requests).as("requests in the SDK's wire log").isEqualTo(4);
        assertThat(logs.split(ASSERTION_ID, -1).length - 1).as("the assertion, outside the SDK's wire log")
                .isEqualTo(requests);
    }

    /** Posts a marker with a default HttpClient (whose connections log) to a plain HTTP server. */
    private static String controlExchange() throws IOException {
        String marker = "CONTROL-MARKER-" + System.nanoTime();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try (CloseableHttpClient http = HttpClients.createDefault()) {
            HttpPost post = new HttpPost(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            post.setEntity(new StringEntity(marker, ContentType.TEXT_PLAIN));
            http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return null;
            });
        } finally {
            server.stop(0);
        }
        return marker;
    }
}
