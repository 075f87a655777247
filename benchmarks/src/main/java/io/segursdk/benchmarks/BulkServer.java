package io.segursdk.benchmarks;

import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A DMP-repository-like endpoint for large documents, streaming both ways so that its own heap stays flat:
 * {@code /feed} reads an MTOM request to its end and answers with the number of bytes received; {@code /retrieve}
 * answers with an MTOM package whose attachment is {@code size} bytes from {@link Payload} (the size is the text
 * of the request body's element).
 */
final class BulkServer implements AutoCloseable {

    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    BulkServer(TestPki pki) throws Exception {
        IssuedCredential cred = pki.issueServer();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(cred.toKeyStore(Scenario.PASSWORD), Scenario.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(pki.trustStore());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(executor);
        server.createContext("/feed", this::feed);
        server.createContext("/retrieve", this::retrieve);
        server.start();
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void feed(HttpExchange exchange) throws IOException {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
        }
        byte[] body = ("<s:Envelope xmlns:s=\"" + SOAP12 + "\"><s:Body><Received xmlns=\"urn:bench\">" + total
                + "</Received></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void retrieve(HttpExchange exchange) throws IOException {
        String request;
        try (InputStream in = exchange.getRequestBody()) {
            request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = request.indexOf("<Size");
        long size = Long.parseLong(request.substring(request.indexOf('>', start) + 1,
                request.indexOf("</", start)).trim());
        String boundary = "uuid:bulk-boundary-7a1c";
        String root = "<s:Envelope xmlns:s=\"" + SOAP12 + "\"><s:Body><RetrieveResponse xmlns=\"urn:bench\">"
                + "<Document><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:doc@bench\"/>"
                + "</Document></RetrieveResponse></s:Body></s:Envelope>";
        exchange.getResponseHeaders().set("Content-Type", "multipart/related; type=\"application/xop+xml\"; boundary=\""
                + boundary + "\"; start=\"<root@bench>\"; start-info=\"application/soap+xml\"");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(("--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\""
                    + "application/soap+xml\"\r\nContent-ID: <root@bench>\r\n\r\n" + root + "\r\n--" + boundary
                    + "\r\nContent-Type: application/pdf\r\nContent-ID: <doc@bench>\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            try (InputStream doc = new Payload(size)) {
                doc.transferTo(out);
            }
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
