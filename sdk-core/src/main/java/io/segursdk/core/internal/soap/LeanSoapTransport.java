package io.segursdk.core.internal.soap;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.internal.http.QuietConnections;
import io.segursdk.core.internal.logging.WireLogger;
import io.segursdk.core.internal.tls.TlsContexts;
import io.segursdk.core.soap.SoapAttachment;
import io.segursdk.core.soap.SoapFault;
import io.segursdk.core.soap.SoapRequest;
import io.segursdk.core.soap.SoapResponse;
import io.segursdk.core.xml.SecureXml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.xml.parsers.DocumentBuilder;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The lean SOAP transport: the envelope is written straight to bytes ({@link EnvelopeWriter}), sent with Apache
 * HttpClient 5 (classic, one pooled connection manager per client, the client's own TLS context and parameters with
 * host name verification), and the response is parsed once by the SDK's hardened DOM parser. MTOM/XOP and SwA
 * packages are written as chunked multipart bodies streamed from the attachments' sources, and read part by part,
 * each received attachment spooled (memory below a threshold, a private temporary file beyond it). Faults and
 * failures are mapped by {@link FaultParser} and {@link SoapErrors}, as on the CXF transport.
 */
public final class LeanSoapTransport implements SoapTransport {

    /** Received attachments up to this size stay in memory; larger ones go to a temporary file. */
    static final int SPOOL_THRESHOLD = 256 * 1024;
    private static final int MAX_CONNECTIONS = 64;
    /** Socket buffer and outgoing chunk size: large documents move in few, large TLS records. */
    private static final int IO_BUFFER = 32 * 1024;
    private static final String WSA_SUBMISSION = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private static final String ROOT_CONTENT_ID = "root.message@segursdk.io";

    private final SoapTransportConfig config;
    private final String endpointText;
    private final WireLogger wire;
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final SecureXml xml = SecureXml.instance();
    /** Parsers are costly to make and not thread-safe: each call borrows one. */
    private final ConcurrentLinkedQueue<DocumentBuilder> parsers = new ConcurrentLinkedQueue<>();

    /**
     * @param config the validated configuration
     */
    public LeanSoapTransport(SoapTransportConfig config) {
        this.config = config;
        this.endpointText = config.endpoint().toString();
        this.wire = new WireLogger(config.service(), config.redactor());
        SSLContext ssl = TlsContexts.sslContext(config.credential(), config.tls());
        SSLParameters params = TlsContexts.sslParameters(ssl, config.tls());
        Timeout connect = Timeout.ofMilliseconds(config.timeouts().connect().toMillis());
        Timeout read = Timeout.ofMilliseconds(config.timeouts().read().toMillis());
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new JsseTls(ssl, params, connect))
                // HttpClient's own wire and header loggers never see this client's bytes (PHI, SAML assertions)
                .setConnectionFactory(QuietConnections.factory(
                        Http1Config.custom().setBufferSize(IO_BUFFER).setChunkSizeHint(IO_BUFFER).build()))
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(read).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(read)
                        .setConnectionRequestTimeout(connect)
                        .build())
                // one client, one TLS identity: pooled connections are shared by every call of this client
                .disableConnectionState()
                // the caller decides about retries (TransportException.isRetryable): a SOAP POST is never re-sent
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("segur-sdk")
                .build();
    }

    @Override
    public SoapResponse send(SoapRequest request, String messageId) {
        byte[] envelope;
        try {
            envelope = writer.write(request, messageId, endpointText);
        } catch (RuntimeException e) {
            throw InvalidRequestException.of("soap.request", "cannot be placed in a SOAP 1.2 envelope: "
                    + e.getMessage());
        }
        if (wire.enabled()) {
            wire.request(messageId, request.action(), endpointText, parseForLog(envelope), request.attachments());
        }
        HttpPost post = new HttpPost(config.endpoint());
        boolean multipart = config.mtom() || !request.attachments().isEmpty();
        post.setEntity(multipart ? new MultipartEntity(envelope, request, config.mtom())
                : new ByteArrayEntity(envelope, ContentType.parse("application/soap+xml; charset=UTF-8; action=\""
                        + request.action() + "\"")));
        HttpClientContext context = HttpClientContext.create();
        ClassicHttpResponse response;
        try {
            response = http.executeOpen(null, post, context);
        } catch (IOException | RuntimeException e) {
            throw failure(afterHandshake(e, context), messageId);
        }
        boolean done = false;
        try {
            SoapResponse result = read(response, messageId);
            done = true;
            return result;
        } finally {
            release(post, response, done);
        }
    }

    private static void release(HttpPost post, ClassicHttpResponse response, boolean complete) {
        try {
            if (complete) {
                EntityUtils.consume(response.getEntity());
            } else {
                post.cancel(); // do not drain a body nobody will read: drop the connection
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is discarded below
        }
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing more to release
        }
    }

    private SoapResponse read(ClassicHttpResponse response, String messageId) {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        String contentType = entity == null ? null : entity.getContentType();
        String media = contentType == null ? "" : mediaType(contentType);
        boolean multipart = media.equals("multipart/related");
        boolean xmlType = multipart || media.endsWith("/xml") || media.endsWith("+xml");
        if (entity == null || entity.getContentLength() == 0 || contentType == null && status / 100 == 2) {
            if (status / 100 == 2) {
                wire.response(messageId, status, null, List.of());
                return new SoapResponse(null, List.of(), null, null, List.of(), null);
            }
            throw logged(messageId, SoapErrors.fromHttpStatus(config.service(), messageId, status, null));
        }
        if (!xmlType) {
            throw unreadable(messageId, status, null);
        }
        long limit = config.maxResponseBytes();
        if (!multipart && entity.getContentLength() > limit) {
            throw logged(messageId, SoapErrors.tooLarge(limit, config.service(), messageId, status, null));
        }
        List<Spool> spools = new ArrayList<>();
        List<SoapAttachment> attachments = new ArrayList<>();
        boolean kept = false;
        try {
            Document doc;
            InputStream content = null;
            boolean complete = false;
            try {
                content = entity.getContent();
                if (multipart) {
                    doc = readPackage(content, contentType, spools, attachments);
                } else {
                    PushbackInputStream in = new PushbackInputStream(new LimitedInputStream(content, limit), 1);
                    int first = in.read();
                    if (first < 0) {
                        // an empty (chunked) body: a one-way acknowledgement, or an error without a SOAP body
                        if (status / 100 == 2) {
                            wire.response(messageId, status, null, List.of());
                            return new SoapResponse(null, List.of(), null, null, List.of(), null);
                        }
                        throw logged(messageId, SoapErrors.fromHttpStatus(config.service(), messageId, status, null));
                    }
                    in.unread(first);
                    doc = parse(in);
                }
                complete = true;
            } catch (SAXException | IllegalArgumentException | IOException e) {
                SegurException big = SoapErrors.tooLarge(e, config.service(), messageId, status);
                if (big != null) {
                    throw logged(messageId, big);
                }
                if (e instanceof IOException io) {
                    throw failure(io, messageId);
                }
                throw unreadable(messageId, status, e);
            } finally {
                closeOrAbort(content, complete);
            }
            Element env = doc.getDocumentElement();
            String ns = env.getNamespaceURI();
            boolean soap = "Envelope".equals(env.getLocalName())
                    && (FaultParser.SOAP12.equals(ns) || FaultParser.SOAP11.equals(ns));
            Element body = soap ? Dom.child(env, ns, "Body") : null;
            if (body == null) {
                throw unreadable(messageId, status, null);
            }
            Element header = Dom.child(env, ns, "Header");
            String responseId = addressing(header, "MessageID");
            String relatesTo = addressing(header, "RelatesTo");
            Element payload = Dom.firstChild(body);
            if (payload != null && ns.equals(payload.getNamespaceURI()) && "Fault".equals(payload.getLocalName())) {
                if (wire.enabled()) {
                    wire.response(messageId, status, env, List.of());
                }
                String fallback = relatesTo != null ? relatesTo : responseId != null ? responseId : messageId;
                SoapFault fault = FaultParser.parse(payload, config.service(), status == 0 ? 500 : status, fallback);
                throw SoapErrors.fromFault(fault, config.classifier());
            }
            if (status / 100 != 2) {
                throw logged(messageId, SoapErrors.fromHttpStatus(config.service(), messageId, status, null));
            }
            if (wire.enabled()) {
                wire.response(messageId, status, env, attachments);
            }
            List<Element> headers = new ArrayList<>();
            if (header != null) {
                for (Element h : Dom.children(header)) {
                    Dom.declareInScopeNamespaces(h);
                    headers.add(h);
                }
            }
            if (payload != null) {
                // The payload becomes its own document's root: no copy, every namespace it uses declared on it.
                Dom.declareInScopeNamespaces(payload);
                body.removeChild(payload);
                doc.replaceChild(payload, env);
            }
            kept = true;
            AutoCloseable resources = spools.isEmpty() ? null : () -> spools.forEach(Spool::close);
            return new SoapResponse(payload, headers, responseId, relatesTo, attachments, resources);
        } finally {
            if (!kept) {
                spools.forEach(Spool::close);
            }
        }
    }

    /**
     * Closes a response body read to its end (the connection may be reused), or aborts the connection under a body
     * left unread: closing would drain it, however large it is.
     */
    private static void closeOrAbort(InputStream body, boolean complete) {
        if (body == null) {
            return;
        }
        try {
            if (!complete && body instanceof EofSensorInputStream sensor) {
                sensor.abort();
            } else {
                body.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is discarded by the caller's release
        }
    }

    /** Reads an MTOM/XOP or SwA package: the root part is parsed, the others are spooled. */
    private Document readPackage(InputStream body, String contentType, List<Spool> spools,
                                 List<SoapAttachment> attachments) throws IOException, SAXException {
        Map<String, String> params = parameters(contentType);
        String boundary = params.get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("multipart response without a boundary");
        }
        String start = params.get("start");
        String startId = start == null ? null : bareContentId(start);
        MultipartReader reader = new MultipartReader(body, boundary);
        Document root = null;
        Map<String, String> part;
        while ((part = reader.next()) != null) {
            String cid = part.containsKey("content-id") ? bareContentId(part.get("content-id")) : null;
            if (root == null && (startId == null || startId.equals(cid))) {
                root = parse(new LimitedInputStream(reader.content(), config.maxResponseBytes()));
                continue;
            }
            Spool spool = Spool.of(reader.content(), SPOOL_THRESHOLD);
            spools.add(spool);
            String type = part.getOrDefault("content-type", "application/octet-stream");
            String id = cid == null || cid.isEmpty() ? "attachment-" + attachments.size() : cid;
            attachments.add(SoapAttachment.of(id, type, spool::open));
        }
        if (root == null) {
            throw new IllegalArgumentException("multipart response without its root part");
        }
        return root;
    }

    private Document parse(InputStream in) throws IOException, SAXException {
        DocumentBuilder parser = parsers.poll();
        if (parser == null) {
            parser = xml.newDocumentBuilder();
        }
        try {
            return parser.parse(new InputSource(new FilterInputStream(in) {
                @Override
                public void close() {
                    // the caller closes the underlying stream
                }
            }));
        } finally {
            parser.reset();
            parsers.offer(parser);
        }
    }

    private Node parseForLog(byte[] envelope) {
        try {
            return parse(new java.io.ByteArrayInputStream(envelope)).getDocumentElement();
        } catch (IOException | SAXException e) {
            return null;
        }
    }

    private static String addressing(Element header, String localName) {
        if (header == null) {
            return null;
        }
        Element e = Dom.child(header, EnvelopeWriter.WSA, localName);
        if (e == null) {
            e = Dom.child(header, WSA_SUBMISSION, localName);
        }
        return Dom.text(e);
    }

    /**
     * With TLS 1.3 the server checks the client certificate after the client has finished its handshake: a refusal
     * then shows as the connection closing under the first request. A connection broken on a connection made for
     * this very call, while the request was still being written (broken pipe), is reported as the handshake failure
     * it most likely is. A reset met while reading the response is not: the server accepted the connection and the
     * request, then failed (a retryable transport failure).
     */
    private static Exception afterHandshake(Exception e, HttpClientContext context) {
        if (context.getAttribute(JsseTls.FRESH) == null || SoapErrors.find(e, SSLException.class) != null) {
            return e;
        }
        java.net.SocketException broken = SoapErrors.find(e, java.net.SocketException.class);
        String msg = broken == null ? "" : String.valueOf(broken.getMessage()).toLowerCase(Locale.ROOT);
        if (msg.contains("broken pipe")) {
            SSLHandshakeException wrapped = new SSLHandshakeException("the server closed the connection right after"
                    + " the TLS handshake (" + broken.getMessage() + ")");
            wrapped.initCause(e);
            return wrapped;
        }
        return e;
    }

    private SegurException unreadable(String messageId, int status, Exception cause) {
        SegurException mapped = status >= 400
                ? SoapErrors.fromHttpStatus(config.service(), messageId, status, cause)
                : new TransportException(config.service() + " sent a response that cannot be read as SOAP"
                        + (status > 0 ? " (HTTP " + status + ")" : "") + ": wrong content type or malformed XML",
                        config.service(), messageId, status, false, cause);
        return logged(messageId, mapped);
    }

    private SegurException failure(Exception e, String messageId) {
        SegurException mapped;
        if (SoapErrors.find(e, ConnectTimeoutException.class) != null) {
            mapped = new TransportException("Timed out connecting to " + config.service() + " at " + endpointText,
                    config.service(), messageId, 0, true, e);
        } else {
            mapped = SoapErrors.fromFailure(e, config.service(), messageId, endpointText,
                    config.credential() != null);
        }
        return logged(messageId, mapped);
    }

    private SegurException logged(String messageId, SegurException mapped) {
        if (wire.enabled()) {
            wire.failure(messageId, mapped.getMessage());
        }
        return mapped;
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** @return the parameters of a Content-Type value, names in lower case, values unquoted */
    static Map<String, String> parameters(String contentType) {
        Map<String, String> out = new java.util.HashMap<>();
        int i = contentType.indexOf(';');
        int len = contentType.length();
        while (i >= 0 && i < len) {
            i++;
            int eq = contentType.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = contentType.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < len && contentType.charAt(j) == ' ') {
                j++;
            }
            StringBuilder value = new StringBuilder();
            if (j < len && contentType.charAt(j) == '"') {
                j++;
                while (j < len && contentType.charAt(j) != '"') {
                    char c = contentType.charAt(j);
                    if (c == '\\' && j + 1 < len) {
                        c = contentType.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j++;
                i = contentType.indexOf(';', j);
            } else {
                int semi = contentType.indexOf(';', j);
                value.append(contentType, j, semi < 0 ? len : semi);
                i = semi;
            }
            out.putIfAbsent(name, value.toString().trim());
        }
        return out;
    }

    private static String bareContentId(String id) {
        String s = id.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    @Override
    public void close() {
        try {
            http.close(CloseMode.GRACEFUL);
        } finally {
            connections.close(CloseMode.IMMEDIATE);
        }
    }

    /**
     * A multipart/related request body: the envelope as the root part, then each attachment streamed from its source
     * while the body is written (chunked: nothing is buffered whole). MTOM/XOP when MTOM is on, SwA otherwise.
     */
    private static final class MultipartEntity extends AbstractHttpEntity {
        private final byte[] envelope;
        private final List<SoapAttachment> attachments;
        private final String boundary;
        private final String rootType;

        MultipartEntity(byte[] envelope, SoapRequest request, boolean mtom) {
            this(envelope, request, mtom, "uuid:" + UUID.randomUUID());
        }

        private MultipartEntity(byte[] envelope, SoapRequest request, boolean mtom, String boundary) {
            super(contentType(request.action(), mtom, boundary), null, true);
            this.envelope = envelope;
            this.attachments = request.attachments();
            this.boundary = boundary;
            String soapType = "application/soap+xml; action=\\\"" + request.action() + "\\\"";
            this.rootType = mtom ? "application/xop+xml; charset=UTF-8; type=\"" + soapType + "\""
                    : "application/soap+xml; charset=UTF-8; action=\"" + request.action() + "\"";
        }

        private static String contentType(String action, boolean mtom, String boundary) {
            String start = "start=\"<" + ROOT_CONTENT_ID + ">\"";
            return mtom
                    ? "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary + "\"; " + start
                            + "; start-info=\"application/soap+xml; action=\\\"" + action + "\\\"\""
                    : "multipart/related; type=\"application/soap+xml\"; boundary=\"" + boundary + "\"; " + start;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(("\r\n--" + boundary + "\r\nContent-Type: " + rootType
                    + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + ROOT_CONTENT_ID + ">\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(envelope);
            for (SoapAttachment a : attachments) {
                out.write(("\r\n--" + boundary + "\r\nContent-Type: " + a.contentType()
                        + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + a.contentId() + ">\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                try (InputStream in = a.open()) {
                    byte[] buf = new byte[IO_BUFFER];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        out.write(buf, 0, n);
                    }
                }
            }
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public InputStream getContent() {
            throw new UnsupportedOperationException("a multipart request is written, not read");
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void close() {
            // the attachments' streams are closed as they are written
        }
    }

    /**
     * TLS on HttpClient's sockets with the client's own context and parameters: protocols, cipher suites, HTTPS
     * endpoint identification (host name verification by the JDK, as on every other SDK connection) and SNI.
     */
    private static final class JsseTls implements TlsSocketStrategy {
        /** Set in a call's context when its connection was made (and its handshake done) for that call. */
        static final String FRESH = "io.segursdk.tls.fresh";
        private final SSLSocketFactory factory;
        private final SSLParameters template;
        private final int handshakeTimeoutMillis;

        JsseTls(SSLContext context, SSLParameters params, Timeout handshakeTimeout) {
            this.factory = context.getSocketFactory();
            this.template = params;
            this.handshakeTimeoutMillis = (int) handshakeTimeout.toMilliseconds();
        }

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            SSLSocket tls = (SSLSocket) factory.createSocket(socket, target, port, true);
            try {
                SSLParameters p = new SSLParameters(template.getCipherSuites(), template.getProtocols());
                p.setEndpointIdentificationAlgorithm("HTTPS");
                if (!isIpLiteral(target)) {
                    p.setServerNames(List.of(new SNIHostName(target)));
                }
                tls.setSSLParameters(p);
                int previous = tls.getSoTimeout();
                tls.setSoTimeout(handshakeTimeoutMillis);
                try {
                    tls.startHandshake();
                } catch (SSLException e) {
                    throw e;
                } catch (java.net.SocketTimeoutException e) {
                    throw new org.apache.hc.client5.http.ConnectTimeoutException("TLS handshake timed out");
                } catch (IOException e) {
                    // The connection broke during the handshake (often: the server refused the client certificate
                    // and closed it): report it as the handshake failure it is.
                    SSLHandshakeException failed = new SSLHandshakeException("TLS handshake aborted: " + e);
                    failed.initCause(e);
                    throw failed;
                }
                tls.setSoTimeout(previous);
                if (context != null) {
                    context.setAttribute(FRESH, Boolean.TRUE);
                }
                return tls;
            } catch (IOException | RuntimeException e) {
                try {
                    tls.close();
                } catch (IOException ignored) {
                    // already failing
                }
                throw e;
            }
        }

        private static boolean isIpLiteral(String host) {
            return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        }
    }
}
