package io.segursdk.core.internal.auth.psc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segursdk.core.auth.psc.PscErrorException;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.internal.http.QuietConnections;
import io.segursdk.core.internal.tls.TlsContexts;
import io.segursdk.core.tls.TlsOptions;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP side of the PSC client: form POSTs and GETs with JSON answers, over the vendor's TLS settings (and the
 * client certificate for {@code tls_client_auth}). Never logs bodies (they carry tokens).
 */
public final class PscHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PscHttp.class);
    static final String SERVICE = "PSC";

    /** A response: status, body and the Location header. */
    public record Response(int status, String body, String location) {
    }

    /** The largest response body read from Pro Santé Connect. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final CloseableHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param tls        trust anchors and protocols
     * @param credential the TLS client identity, or {@code null}
     * @param timeouts   connect and read limits
     */
    public PscHttp(TlsOptions tls, SigningCredential credential, Timeouts timeouts) {
        SSLContext context = TlsContexts.sslContext(credential, tls);
        SSLParameters params = TlsContexts.sslParameters(context, tls);
        var tlsStrategy = ClientTlsStrategyBuilder.create()
                .setSslContext(context)
                .setTlsVersions(params.getProtocols())
                .setCiphers(params.getCipherSuites())
                .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                .buildClassic();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tlsStrategy)
                // HttpClient's own wire and header loggers never see tokens, codes or user information
                .setConnectionFactory(QuietConnections.factory(null))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(timeouts.connect()))
                        .setSocketTimeout(Timeout.of(timeouts.read()))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeouts.read())).build())
                .build();
    }

    /**
     * @param uri     the endpoint
     * @param form    form parameters
     * @param headers extra headers
     * @return the response
     */
    public Response postForm(URI uri, Map<String, String> form, Map<String, String> headers) {
        HttpPost post = new HttpPost(uri);
        List<NameValuePair> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(new BasicNameValuePair(k, v)));
        post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));
        return execute(post, headers);
    }

    /**
     * @param uri     the address
     * @param headers extra headers
     * @return the response
     */
    public Response get(URI uri, Map<String, String> headers) {
        return execute(new HttpGet(uri), headers);
    }

    private Response execute(HttpUriRequestBase request, Map<String, String> headers) {
        headers.forEach(request::setHeader);
        request.setHeader("Accept", "application/json");
        try {
            Response r = http.execute(request, response -> {
                String body = response.getEntity() == null ? "" : boundedBody(response.getEntity());
                Header location = response.getFirstHeader("Location");
                return new Response(response.getCode(), body, location == null ? null : location.getValue());
            });
            LOG.debug("PSC {} {} -> {}", request.getMethod(), request.getPath(), r.status());
            return r;
        } catch (SSLException e) {
            throw new TransportException("TLS failure talking to Pro Santé Connect at " + hostOf(request) + ": "
                    + e.getMessage(), SERVICE, null, 0, false, e);
        } catch (IOException e) {
            throw new TransportException("Cannot reach Pro Santé Connect at " + hostOf(request) + ": " + e,
                    SERVICE, null, 0, true, e);
        }
    }

    /**
     * Reads a body of at most {@link #MAX_BODY_BYTES}: PSC's answers (tokens, keys, user info, metadata) are a few
     * kilobytes; a larger one is refused rather than held in memory.
     */
    private static String boundedBody(org.apache.hc.core5.http.HttpEntity entity) throws IOException {
        try (java.io.InputStream in = entity.getContent()) {
            if (in == null) {
                return "";
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new TransportException("Pro Santé Connect sent a response larger than " + MAX_BODY_BYTES
                        + " bytes: refused", SERVICE, null, 0, false, null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String hostOf(HttpUriRequestBase request) {
        try {
            return request.getUri().getHost();
        } catch (java.net.URISyntaxException e) {
            return "?";
        }
    }

    /**
     * Reads a JSON answer; an OAuth error body becomes a {@link PscErrorException}, any other non-2xx a
     * {@link TransportException}.
     *
     * @param r    the response
     * @param what what was asked, for messages
     * @return the JSON object
     */
    public JsonNode json(Response r, String what) {
        JsonNode node = null;
        try {
            node = r.body().isEmpty() ? null : mapper.readTree(r.body());
        } catch (IOException e) {
            node = null;
        }
        if (r.status() >= 200 && r.status() < 300) {
            if (node == null || !node.isObject()) {
                throw new TransportException("Unreadable " + what + " response from Pro Santé Connect", SERVICE, null,
                        r.status(), false, null);
            }
            return node;
        }
        if (node != null && node.hasNonNull("error") && r.status() < 500) {
            throw OAuthErrors.of(node.get("error").asText(), text(node, "error_description"), r.status());
        }
        throw new TransportException("Pro Santé Connect answered HTTP " + r.status() + " to the " + what + " request",
                SERVICE, null, r.status(), r.status() >= 500 || r.status() == 429, null);
    }

    /** @return the JSON mapper */
    public ObjectMapper mapper() {
        return mapper;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("closing the PSC HTTP client: {}", e.toString());
        }
    }
}
