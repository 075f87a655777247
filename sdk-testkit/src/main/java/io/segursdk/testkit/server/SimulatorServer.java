package io.segursdk.testkit.server;

import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTPS server on the loopback interface, the base of the service simulators (INSi, DMP, the REST parts of
 * MSSanté). It listens on {@code 127.0.0.1} on an ephemeral port, speaks TLS 1.2 and 1.3 with a server certificate
 * issued by a {@link TestPki}, authenticates clients by certificate against that PKI's root (see
 * {@link ClientAuth}), sends each request to the {@link SimHandler} of its route, keeps every request for
 * assertions and can be told to fail ({@link Fault}).
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * try (SimulatorServer server = SimulatorServer.builder().pki(pki).clientAuth(ClientAuth.REQUIRED).build().start()) {
 *     server.route("/lps", request -> SimResponse.of(200, "application/soap+xml", responseBytes));
 *     // ... call server.uri("/lps") with a client credential issued by pki ...
 *     assertThat(server.lastRequest().clientCertificate()).isPresent();
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. Routes and faults may be changed while the server runs. The server never logs
 * request or response content. It runs on Jetty, whose own logging goes through SLF4J: set the
 * {@code org.eclipse.jetty} loggers to WARN to hide Jetty's start and stop lines.
 *
 * <p>Simulators may extend this class (through {@link #SimulatorServer(Builder)}) or wrap an instance.
 */
public class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final TestPki pki;
    private final ClientAuth clientAuth;
    private final IssuedCredential serverCredential;
    private final List<X509Certificate> trustAnchors;
    private final BodyReader bodyReader;
    private final Map<String, SimHandler> routes = new ConcurrentHashMap<>();
    private final List<SimRequest> captured = new CopyOnWriteArrayList<>();
    private final List<ActiveFault> faults = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong acceptedConnections = new AtomicLong();

    private Server server;
    private volatile int port = -1;
    private boolean closed;

    /**
     * Creates a server from a builder; it does not listen until {@link #start()}.
     *
     * @param builder the configuration
     * @throws IllegalStateException if no PKI was given
     */
    protected SimulatorServer(Builder builder) {
        this.pki = Objects.requireNonNull(builder.pki, "pki is required");
        this.clientAuth = builder.clientAuth;
        this.serverCredential = builder.serverCredential != null ? builder.serverCredential : pki.issueServer();
        List<X509Certificate> anchors = new ArrayList<>();
        anchors.add(pki.rootCertificate());
        anchors.addAll(builder.extraTrust);
        this.trustAnchors = List.copyOf(anchors);
        this.bodyReader = builder.bodyReader;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening on an ephemeral port of {@code 127.0.0.1}.
     *
     * @return this server
     * @throws IllegalStateException if already started, closed, or if the server cannot start
     */
    public synchronized SimulatorServer start() {
        if (closed) {
            throw new IllegalStateException("server is closed");
        }
        if (server != null) {
            throw new IllegalStateException("server already started");
        }
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("segur-simulator");
        threads.setDaemon(true);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("segur-simulator-scheduler", true);
        Server s = new Server(threads, scheduler, null);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        SslConnectionFactory tls = new SslConnectionFactory(sslContextFactory(), http11.getProtocol());

        ServerConnector connector = new ServerConnector(s, 1, 1, tls, http11);
        connector.setHost(LOOPBACK);
        connector.setPort(0);
        connector.setAcceptedTcpNoDelay(true);
        connector.setIdleTimeout(Duration.ofSeconds(30).toMillis());
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                if (isNetworkLevel(connection)) {
                    acceptedConnections.incrementAndGet();
                    openConnections.incrementAndGet();
                }
            }

            @Override
            public void onClosed(Connection connection) {
                if (isNetworkLevel(connection)) {
                    openConnections.decrementAndGet();
                }
            }
        });
        s.addConnector(connector);
        s.setHandler(new Dispatcher());
        try {
            s.start();
        } catch (Exception e) {
            stopQuietly(s);
            throw new IllegalStateException("cannot start simulator server", e);
        }
        server = s;
        port = connector.getLocalPort();
        LOG.debug("Simulator listening on https://{}:{} (client auth {})", LOOPBACK, port, clientAuth);
        return this;
    }

    /** Stops the server, ends pending delays and frees the port. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        if (server != null) {
            stopQuietly(server);
            LOG.debug("Simulator on port {} stopped", port);
        }
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     * @throws IllegalStateException if the server was not started
     */
    public int port() {
        int p = port;
        if (p < 0) {
            throw new IllegalStateException("server not started");
        }
        return p;
    }

    /**
     * The number of client connections open right now (TLS connections accepted and not yet closed by either side).
     * A client that is closed must bring it back to what it was before the client was built.
     *
     * @return the open connections
     */
    public int openConnections() {
        return openConnections.get();
    }

    /**
     * The number of client connections accepted since start.
     *
     * @return the accepted connections
     */
    public long acceptedConnections() {
        return acceptedConnections.get();
    }

    /**
     * The address of a path on this server, e.g. {@code https://127.0.0.1:41234/lps}.
     *
     * @param path an absolute path, optionally with a query; a missing leading {@code /} is added
     * @return the URI
     * @throws IllegalStateException if the server was not started
     */
    public URI uri(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        return URI.create("https://" + LOOPBACK + ":" + port() + (p.startsWith("/") ? p : "/" + p));
    }

    /**
     * The PKI whose root this server trusts and which issued its certificate.
     *
     * @return the PKI
     */
    public TestPki pki() {
        return pki;
    }

    /**
     * The client-certificate policy.
     *
     * @return the policy
     */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * The TLS server credential; its chain ends with the PKI's root.
     *
     * @return the server credential
     */
    public IssuedCredential serverCredential() {
        return serverCredential;
    }

    /**
     * Sets (or replaces) the handler of a path. The path matches exactly, unless it ends with {@code /*}: then it
     * matches that prefix and everything under it (the longest such prefix wins). Requests matching no route get a
     * {@code 404}.
     *
     * @param path e.g. {@code "/lps"} or {@code "/fhir/*"}
     * @param handler answers the requests
     * @return this server
     */
    public SimulatorServer route(String path, SimHandler handler) {
        Objects.requireNonNull(path, "path");
        routes.put(path.startsWith("/") ? path : "/" + path, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Every request received since start or the last {@link #clearCaptured()}, in order of arrival, including
     * the requests that got a fault or a {@code 404}.
     *
     * @return a snapshot copy
     */
    public List<SimRequest> captured() {
        return List.copyOf(captured);
    }

    /**
     * The last request received.
     *
     * @return the request
     * @throws IllegalStateException if no request was captured
     */
    public SimRequest lastRequest() {
        List<SimRequest> all = captured();
        if (all.isEmpty()) {
            throw new IllegalStateException("no request captured");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets the captured requests. */
    public void clearCaptured() {
        captured.clear();
    }

    /**
     * Queues a fault. Faults apply in the order they were injected: a request gets the first queued fault whose
     * path matches, which is then used up once (see {@link Fault#times(int)}, {@link Fault#always()}).
     *
     * @param fault the fault
     * @return this server
     */
    public SimulatorServer injectFault(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (faults) {
            faults.add(new ActiveFault(fault));
        }
        return this;
    }

    /** Removes every queued fault, sticky ones included. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    @Override
    public String toString() {
        return "SimulatorServer[" + (port < 0 ? "not started" : uri("/")) + ", client auth " + clientAuth + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private SslContextFactory.Server sslContextFactory() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(serverCredential.toKeyStore(password.toCharArray()));
        ssl.setKeyStorePassword(password);
        ssl.setTrustStore(trustStore());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setSniRequired(false);
        if (clientAuth == ClientAuth.REQUIRED) {
            ssl.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.WANT) {
            ssl.setWantClientAuth(true);
        }
        return ssl;
    }

    private KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < trustAnchors.size(); i++) {
                ks.setCertificateEntry("anchor-" + i, trustAnchors.get(i));
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build trust store", e);
        }
    }

    private static void stopQuietly(Server s) {
        try {
            s.stop();
        } catch (Exception e) {
            LOG.debug("Error while stopping simulator server", e);
        }
    }

    private Fault takeFault(String path) {
        synchronized (faults) {
            for (Iterator<ActiveFault> it = faults.iterator(); it.hasNext(); ) {
                ActiveFault active = it.next();
                if (active.fault.path().map(path::equals).orElse(true)) {
                    if (active.remaining != Fault.ALWAYS && --active.remaining == 0) {
                        it.remove();
                    }
                    return active.fault;
                }
            }
        }
        return null;
    }

    private SimHandler findRoute(String path) {
        SimHandler exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        SimHandler best = null;
        int bestLength = -1;
        for (Map.Entry<String, SimHandler> e : routes.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("/*")) {
                String base = key.substring(0, key.length() - 2);
                boolean matches = path.equals(base) || path.startsWith(base + "/");
                if (matches && base.length() > bestLength) {
                    best = e.getValue();
                    bestLength = base.length();
                }
            }
        }
        return best;
    }

    private SimResponse invoke(SimRequest request) {
        SimHandler handler = findRoute(request.path());
        if (handler == null) {
            return SimResponse.of(404, "text/plain; charset=utf-8", "no simulator route for this path");
        }
        try {
            SimResponse response = handler.handle(request);
            if (response == null) {
                return SimResponse.of(500, "text/plain; charset=utf-8", "simulator handler returned no response");
            }
            return response;
        } catch (Exception e) {
            LOG.warn("Simulator handler for {} {} failed", request.method(), request.path(), e);
            return SimResponse.of(500, "text/plain; charset=utf-8",
                    "simulator handler failed: " + e.getClass().getName());
        }
    }

    private static SimRequest toSimRequest(Request request, byte[] body) {
        SimRequest.Builder b = SimRequest.builder()
                .method(request.getMethod())
                .path(request.getHttpURI().getPath())
                .query(request.getHttpURI().getQuery())
                .body(body);
        for (HttpField field : request.getHeaders()) {
            b.header(field.getName(), field.getValue());
        }
        Object ssl = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (ssl instanceof EndPoint.SslSessionData) {
            X509Certificate[] peers = ((EndPoint.SslSessionData) ssl).peerCertificates();
            if (peers != null) {
                b.clientCertificates(Arrays.asList(peers));
            }
        }
        return b.build();
    }

    private void handle(Request request, Response response, Callback callback) {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = bodyReader.read(request.getHeaders().get(HttpHeader.CONTENT_TYPE), in);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
            return;
        }
        SimRequest simRequest = toSimRequest(request, body);
        captured.add(simRequest);
        Fault fault = takeFault(simRequest.path());
        if (fault != null) {
            LOG.debug("Injecting {} on {} {}", fault, simRequest.method(), simRequest.path());
            switch (fault.kind()) {
                case DELAY:
                    if (!sleep(fault.delay())) {
                        abort(request, true);
                        callback.succeeded();
                        return;
                    }
                    break;
                case RESET:
                    abort(request, true);
                    // the connection is gone: completing the exchange only releases Jetty's resources
                    callback.succeeded();
                    return;
                case STATUS:
                    send(response, SimResponse.of(fault.status(), fault.contentType().orElse(null), fault.body()),
                            callback);
                    return;
                case DELAY_AFTER_HANDLING: {
                    SimResponse handled = invoke(simRequest);
                    if (!sleep(fault.delay())) {
                        abort(request, true);
                        callback.succeeded();
                        return;
                    }
                    send(response, handled, callback);
                    return;
                }
                case RESET_AFTER_HANDLING:
                    invoke(simRequest);
                    abort(request, true);
                    callback.succeeded();
                    return;
                case TRUNCATE:
                    sendTruncated(request, response, invoke(simRequest), fault.bytes(), callback);
                    return;
                default:
                    break;
            }
        }
        send(response, invoke(simRequest), callback);
    }

    /** The TLS connection on the TCP socket, not the HTTP connection above it. */
    private static boolean isNetworkLevel(Connection connection) {
        return connection.getEndPoint() instanceof SocketChannelEndPoint;
    }

    /** Waits, unless the server closes first; returns false when it does. */
    private boolean sleep(Duration delay) {
        try {
            return !closing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copyHeaders(SimResponse r, Response response) {
        HttpFields.Mutable headers = response.getHeaders();
        r.headers().forEach((name, values) -> {
            if (!HttpHeader.CONTENT_LENGTH.is(name) && !HttpHeader.TRANSFER_ENCODING.is(name)) {
                values.forEach(v -> headers.add(name, v));
            }
        });
    }

    private static void send(Response response, SimResponse r, Callback callback) {
        response.setStatus(r.status());
        copyHeaders(r, response);
        if (!r.isStreaming()) {
            byte[] bytes;
            try {
                bytes = r.bodyBytes();
            } catch (IOException e) {
                callback.failed(e);
                return;
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, String.valueOf(bytes.length));
            response.write(true, ByteBuffer.wrap(bytes), callback);
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            r.writeBody(out);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Streaming response body failed", e);
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private static void sendTruncated(Request request, Response response, SimResponse r, int bytes,
                                      Callback callback) {
        byte[] full;
        try {
            full = r.bodyBytes();
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        int sent = Math.min(bytes, full.length);
        long declared = Math.max(full.length, (long) bytes + 1);
        response.setStatus(r.status());
        copyHeaders(r, response);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, String.valueOf(declared));
        Callback.Completable written = new Callback.Completable();
        response.write(false, ByteBuffer.wrap(full, 0, sent), written);
        try {
            written.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Partial body write failed", e);
        }
        abort(request, false);
        callback.succeeded();
    }

    /** Closes the TCP connection under the request: with a reset (SO_LINGER 0) or a normal close. */
    private static void abort(Request request, boolean reset) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        while (endPoint instanceof EndPoint.Wrapper) {
            endPoint = ((EndPoint.Wrapper) endPoint).unwrap();
        }
        if (reset && endPoint instanceof SocketChannelEndPoint) {
            try {
                ((SocketChannelEndPoint) endPoint).getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Cannot set SO_LINGER before reset", e);
            }
        }
        endPoint.close();
    }

    private final class Dispatcher extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            SimulatorServer.this.handle(request, response, callback);
            return true;
        }
    }

    private static final class ActiveFault {
        final Fault fault;
        int remaining;

        ActiveFault(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    /** Mutable builder of {@link SimulatorServer}; not thread-safe. */
    public static final class Builder {
        private TestPki pki;
        private ClientAuth clientAuth = ClientAuth.WANT;
        private IssuedCredential serverCredential;
        private final List<X509Certificate> extraTrust = new ArrayList<>();
        private BodyReader bodyReader = BodyReader.IN_MEMORY;

        private Builder() {
        }

        /**
         * Sets how request bodies are read; default {@link BodyReader#IN_MEMORY}. A simulator that takes large
         * documents uses a reader that keeps them out of the heap.
         *
         * @param reader the body reader, called on the request's thread
         * @return this builder
         */
        public Builder bodyReader(BodyReader reader) {
            this.bodyReader = Objects.requireNonNull(reader, "reader");
            return this;
        }

        /**
         * Sets the PKI (required): it issues the server certificate (for {@code localhost} and {@code 127.0.0.1})
         * and its root is trusted for client certificates.
         *
         * @param pki the PKI
         * @return this builder
         */
        public Builder pki(TestPki pki) {
            this.pki = Objects.requireNonNull(pki, "pki");
            return this;
        }

        /**
         * Sets the client-certificate policy; default {@link ClientAuth#WANT}.
         *
         * @param clientAuth the policy
         * @return this builder
         */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * Uses this server credential instead of issuing one from the PKI (issuing costs a key generation; share
         * one credential between servers to save it, or test a server certificate with other names).
         *
         * @param credential a TLS server credential
         * @return this builder
         */
        public Builder serverCredential(IssuedCredential credential) {
            this.serverCredential = Objects.requireNonNull(credential, "credential");
            return this;
        }

        /**
         * Also trusts these root certificates for client authentication.
         *
         * @param roots trust anchors
         * @return this builder
         */
        public Builder trust(X509Certificate... roots) {
            for (X509Certificate root : roots) {
                extraTrust.add(Objects.requireNonNull(root, "root"));
            }
            return this;
        }

        /**
         * Builds the server, not yet listening: call {@link SimulatorServer#start()}.
         *
         * @return the server
         * @throws NullPointerException if no PKI was given
         */
        public SimulatorServer build() {
            return new SimulatorServer(this);
        }
    }
}
