package io.segursdk.core.soap.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTPS server on loopback for the SOAP client tests, with client-certificate TLS, captured requests and
 * simple fault injection. Stands in for the testkit's SimulatorServer until it is available.
 */
public final class LoopbackServer implements AutoCloseable {

    /** A request as the server received it. */
    public record Captured(String path, Map<String, List<String>> headers, byte[] body,
                           List<X509Certificate> clientChain) {
        /** @return the request's Content-Type */
        public String contentType() {
            List<String> v = headers.get("Content-type");
            return v == null ? null : v.get(0);
        }
    }

    /** What the server answers. */
    public record Reply(int status, String contentType, byte[] body, long delayMillis, boolean dropConnection) {
        /**
         * @param status      the HTTP status
         * @param contentType the Content-Type
         * @param body        the body
         * @return a reply
         */
        public static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, contentType, body, 0, false);
        }

        /** @return a reply closing the connection without any response */
        public static Reply drop() {
            return new Reply(0, null, null, 0, true);
        }

        /**
         * @param millis how long to wait before answering
         * @return this reply, delayed
         */
        public Reply delayed(long millis) {
            return new Reply(status, contentType, body, millis, dropConnection);
        }
    }

    /** Answers a request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request the request
         * @return the reply
         * @throws Exception on failure (answered with 500)
         */
        Reply handle(Captured request) throws Exception;
    }

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();

    private LoopbackServer(TestCerts.Issued serverCert, X509Certificate clientTrust, String... protocols)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverCert.privateKey(), "pw".toCharArray(),
                serverCert.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, "pw".toCharArray());
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        if (clientTrust != null) {
            ts.setCertificateEntry("client-root", clientTrust);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(TestCerts.loopback(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(clientTrust != null);
                if (protocols.length > 0) {
                    p.setProtocols(protocols);
                }
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param serverCert  the server's key and chain
     * @param clientTrust the root client certificates must chain to, or {@code null} for no client authentication
     * @return a started server
     */
    public static LoopbackServer start(TestCerts.Issued serverCert, X509Certificate clientTrust) {
        return start(serverCert, clientTrust, new String[0]);
    }

    /**
     * @param serverCert  the server's key and chain
     * @param clientTrust the root client certificates must chain to, or {@code null} for no client authentication
     * @param protocols   the TLS versions the server accepts
     * @return a started server
     */
    public static LoopbackServer start(TestCerts.Issued serverCert, X509Certificate clientTrust, String... protocols) {
        try {
            return new LoopbackServer(serverCert, clientTrust, protocols);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param path    the path
     * @param handler its handler
     * @return this server
     */
    public LoopbackServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    /**
     * @param path a path
     * @return the https URI of that path on this server, by IP address
     */
    public URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * @param path a path
     * @return the https URI of that path on this server, by host name
     */
    public URI uriByName(String path) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + path);
    }

    /** @return every request received */
    public List<Captured> captured() {
        return new ArrayList<>(captured);
    }

    /** @return the last request received */
    public Captured lastRequest() {
        return captured.get(captured.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
        } catch (SSLPeerUnverifiedException none) {
            // no client certificate
        }
        Captured req = new Captured(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                body, List.copyOf(chain));
        captured.add(req);
        Handler h = routes.get(req.path());
        Reply reply;
        try {
            reply = h == null ? Reply.of(404, "text/plain", "no route".getBytes()) : h.handle(req);
        } catch (Exception e) {
            reply = Reply.of(500, "text/plain", String.valueOf(e).getBytes());
        }
        try {
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reply.dropConnection()) {
            exchange.getHttpContext().getServer();
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
