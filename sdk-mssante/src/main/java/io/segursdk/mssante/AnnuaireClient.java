package io.segursdk.mssante;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.error.Violations;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.mssante.internal.QuietHttpConnections;
import io.segursdk.mssante.internal.FhirMailboxes;
import io.segursdk.mssante.internal.RateLimiter;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds MSSanté mailboxes in the Annuaire Santé (the national directory's FHIR API): by name, by a professional's
 * RPPS number, or by address, keeping only the {@link MailboxKind}s asked for (the directory cannot filter by kind).
 * Sends the {@code ESANTE-API-KEY} header, follows the result pages up to {@link Builder#maxPages(int)}, and keeps
 * under the published rate limit (17 requests per second per application) with a client-side limiter, 10 requests
 * per second by default: share one client across the application. Immutable and thread-safe; close it to release its
 * connections.
 *
 * <pre>{@code
 * try (AnnuaireClient annuaire = AnnuaireClient.builder().apiKey(key).build()) {
 *     List<MailboxEntry> found = annuaire.search(MailboxSearch.byNationalId("10003461033")).entries();
 * }
 * }</pre>
 *
 * <p>Errors: a refused API key is an {@link AuthenticationException} (401) or {@link AccessDeniedException} (403);
 * the rate limit an {@link AnnuaireRateLimitException} (retryable, with the wait); server errors and network
 * failures a retryable {@link TransportException}; another refusal a {@link ServiceFaultException} with the
 * directory's diagnostics. Logs hold neither the key nor the search.
 */
public final class AnnuaireClient implements AutoCloseable {

    /** The service name in exceptions. */
    public static final String SERVICE = "Annuaire Santé";
    /** The production API (FHIR R4, version 2 of the API). There is no test instance with fictitious data. */
    public static final URI PRODUCTION = URI.create("https://gateway.api.esante.gouv.fr/fhir/v2");
    /** The header carrying the API key. */
    public static final String API_KEY_HEADER = "ESANTE-API-KEY";
    /** The rate limit the directory publishes: requests per second per application. */
    public static final int PUBLISHED_REQUESTS_PER_SECOND = 17;
    /** Requests per second the client allows itself by default, well under the published limit. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 10;

    private static final Logger LOG = LoggerFactory.getLogger(AnnuaireClient.class);
    private static final int PAGE_SIZE = 50;

    private final URI base;
    private final String apiKey;
    private final int maxPages;
    private final Duration maxWait;
    private final RateLimiter limiter;
    private final CloseableHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    private AnnuaireClient(Builder b) {
        String s = b.base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.apiKey = b.apiKey;
        this.maxPages = b.maxPages;
        this.maxWait = b.maxWait;
        this.limiter = new RateLimiter(b.permits, b.window, System::nanoTime);
        SSLContext context;
        String[] protocols;
        String[] ciphers;
        try {
            if (b.tls != null) {
                context = b.tls.sslContext(null);
                SSLParameters p = b.tls.sslParameters(context);
                protocols = p.getProtocols();
                ciphers = p.getCipherSuites();
            } else {
                context = SSLContext.getDefault();
                protocols = new String[] {"TLSv1.3", "TLSv1.2"};
                ciphers = null;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
        var tlsStrategy = ClientTlsStrategyBuilder.create()
                .setSslContext(context)
                .setTlsVersions(protocols)
                .setCiphers(ciphers)
                .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                .buildClassic();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tlsStrategy)
                // HttpClient's own wire and header loggers never see the API key or the searched names
                .setConnectionFactory(QuietHttpConnections.factory(null))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(b.timeouts.connect()))
                        .setSocketTimeout(Timeout.of(b.timeouts.read()))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(b.timeouts.read())).build())
                .build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Searches the directory.
     *
     * <p>By name: professionals ({@code Practitioner?name=}, with their activities) and organisations
     * ({@code Organization?name:contains=}). By national identifier: the professional and their activities. By
     * address: {@code mailbox-mss:exact} (whole address) or {@code mailbox-mss:contains} on professionals, activities
     * and organisations. Resource types that cannot hold the kinds asked for are not queried.
     *
     * @param search what to look for
     * @return the mailboxes found, without duplicates, and whether the page limit cut the results
     * @throws AuthenticationException     if the API key is refused (401)
     * @throws AccessDeniedException       if the key may not use the API (403)
     * @throws AnnuaireRateLimitException  on HTTP 429, or when the limiter would wait longer than allowed
     * @throws TransportException          on 5xx, unreadable answers or network failures (retryable when it may help)
     * @throws ServiceFaultException       on another refusal (the directory's diagnostics attached)
     */
    public MailboxSearchResult search(MailboxSearch search) {
        Objects.requireNonNull(search, "search");
        Set<MailboxKind> kinds = search.kinds();
        boolean people = kinds.contains(MailboxKind.PERSONAL) || kinds.contains(MailboxKind.PRACTICE);
        boolean organisations = kinds.contains(MailboxKind.ORGANISATIONAL) || kinds.contains(MailboxKind.APPLICATIVE);
        List<URI> queries = new ArrayList<>();
        String v = search.value();
        switch (search.criterion()) {
            case NAME -> {
                if (people) {
                    queries.add(query("Practitioner", "name", v, "_revinclude", "PractitionerRole:practitioner"));
                }
                if (organisations) {
                    queries.add(query("Organization", "name:contains", v, "mailbox-mss:contains", "@"));
                }
            }
            case NATIONAL_ID -> {
                String rpps = v.length() == 11 ? v : v.substring(1);
                String ids = rpps + ",8" + rpps;
                queries.add(query("Practitioner", "identifier", ids, "_revinclude", "PractitionerRole:practitioner"));
            }
            case ADDRESS -> {
                String param = search.exactAddress() ? "mailbox-mss:exact" : "mailbox-mss:contains";
                if (people) {
                    queries.add(query("Practitioner", param, v));
                    queries.add(query("PractitionerRole", param, v, "_include", "PractitionerRole:practitioner",
                            "_include", "PractitionerRole:organization"));
                }
                if (organisations) {
                    queries.add(query("Organization", param, v));
                }
            }
            default -> throw new IllegalStateException("unknown criterion");
        }
        Map<String, MailboxEntry> found = new LinkedHashMap<>();
        boolean truncated = false;
        for (URI first : queries) {
            URI page = first;
            int pages = 0;
            while (page != null) {
                if (pages == maxPages) {
                    truncated = true;
                    break;
                }
                FhirMailboxes.Page p = fetch(page);
                pages++;
                for (MailboxEntry e : p.entries()) {
                    if (kinds.contains(e.kind()) && matches(search, e)) {
                        String key = e.address().toLowerCase(Locale.ROOT) + "|" + e.kind();
                        MailboxEntry old = found.get(key);
                        if (old == null || old.structure().isEmpty() && e.structure().isPresent()) {
                            found.put(key, e);
                        }
                    }
                }
                page = p.next().map(this::sameOrigin).orElse(null);
            }
        }
        LOG.debug("Annuaire Santé search {}: {} mailbox(es), truncated={}", search.criterion(), found.size(),
                truncated);
        return new MailboxSearchResult(new ArrayList<>(found.values()), truncated);
    }

    /** Releases the connections. */
    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("closing the Annuaire Santé HTTP client: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "AnnuaireClient[" + base.getHost() + "]";
    }

    private static boolean matches(MailboxSearch search, MailboxEntry e) {
        if (search.criterion() != MailboxSearch.Criterion.ADDRESS) {
            return true;
        }
        String a = e.address().toLowerCase(Locale.ROOT);
        return search.exactAddress() ? a.equals(search.value()) : a.contains(search.value());
    }

    private URI query(String resource, String... params) {
        try {
            URIBuilder b = new URIBuilder(base.toString() + "/" + resource);
            for (int i = 0; i < params.length; i += 2) {
                b.addParameter(params[i], params[i + 1]);
            }
            b.addParameter("_count", Integer.toString(PAGE_SIZE));
            return b.build();
        } catch (URISyntaxException e) {
            throw InvalidRequestException.of("search", "cannot be put in a URL");
        }
    }

    /** A next link elsewhere than the API would receive the API key: refused. */
    private URI sameOrigin(String link) {
        URI next;
        try {
            next = new URI(link);
        } catch (URISyntaxException e) {
            throw new TransportException("The Annuaire Santé gave an unreadable next-page link", SERVICE, null, 0,
                    false, e);
        }
        if (!next.isAbsolute()) {
            next = base.resolve(next);
        }
        if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                || next.getPort() != base.getPort()) {
            throw new TransportException("The Annuaire Santé's next-page link leaves the API's origin; not followed",
                    SERVICE, null, 0, false, null);
        }
        return next;
    }

    private FhirMailboxes.Page fetch(URI uri) {
        Duration wait;
        try {
            wait = limiter.acquire(maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting for the Annuaire Santé rate limit", SERVICE, null,
                    0, true, e);
        }
        if (wait != null) {
            throw new AnnuaireRateLimitException("The client-side rate limit would need a wait of " + wait.toMillis()
                    + " ms, above the " + maxWait.toMillis() + " ms allowed; nothing sent", 0, wait);
        }
        HttpGet get = new HttpGet(uri);
        get.setHeader(API_KEY_HEADER, apiKey);
        get.setHeader("Accept", "application/fhir+json");
        Response r;
        try {
            r = http.execute(get, response -> {
                String body = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                Header retry = response.getFirstHeader("Retry-After");
                return new Response(response.getCode(), body, retry == null ? null : retry.getValue());
            });
        } catch (SSLException e) {
            throw new TransportException("TLS failure talking to the Annuaire Santé: " + e.getMessage(), SERVICE, null,
                    0, false, e);
        } catch (IOException e) {
            throw new TransportException("Cannot reach the Annuaire Santé: " + e, SERVICE, null, 0, true, e);
        }
        LOG.debug("Annuaire Santé GET /{} -> {}", lastSegment(uri), r.status);
        if (r.status == 200) {
            try {
                return FhirMailboxes.read(mapper.readTree(r.body));
            } catch (IOException | IllegalArgumentException e) {
                throw new TransportException("Unreadable answer from the Annuaire Santé", SERVICE, null, 200, false,
                        e);
            }
        }
        String diagnostics = diagnostics(r.body);
        String code = "HTTP " + r.status;
        switch (r.status) {
            case 401 -> throw new AuthenticationException("The Annuaire Santé refused the API key (HTTP 401)",
                    SERVICE, code, null, null, null);
            case 403 -> throw new AccessDeniedException("The Annuaire Santé refused access with this API key "
                    + "(HTTP 403)", SERVICE, code, null, null, null);
            case 429 -> throw new AnnuaireRateLimitException("The Annuaire Santé rate limit was reached (HTTP 429)",
                    429, retryAfter(r.retryAfter));
            default -> {
                if (r.status >= 500) {
                    throw new TransportException("The Annuaire Santé answered HTTP " + r.status, SERVICE, null,
                            r.status, true, null);
                }
                throw new ServiceFaultException("The Annuaire Santé refused the search (HTTP " + r.status + ")",
                        SERVICE, code, null, null, null, diagnostics, false, null);
            }
        }
    }

    private String diagnostics(String body) {
        try {
            JsonNode n = mapper.readTree(body);
            if (n != null && "OperationOutcome".equals(n.path("resourceType").asText())) {
                List<String> parts = new ArrayList<>();
                for (JsonNode issue : n.path("issue")) {
                    String d = issue.path("diagnostics").asText("");
                    if (!d.isBlank()) {
                        parts.add(d);
                    }
                }
                return parts.isEmpty() ? null : String.join("; ", parts);
            }
        } catch (IOException e) {
            // not JSON
        }
        return null;
    }

    /** Retry-After: delta-seconds or an HTTP-date. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String lastSegment(URI uri) {
        String p = uri.getPath() == null ? "" : uri.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private record Response(int status, String body, String retryAfter) {
    }

    /** Builds an {@link AnnuaireClient}. Not thread-safe. */
    public static final class Builder {
        private URI base = PRODUCTION;
        private String apiKey;
        private TlsOptions tls;
        private Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(35));
        private int permits = DEFAULT_REQUESTS_PER_SECOND;
        private Duration window = Duration.ofSeconds(1);
        private Duration maxWait = Duration.ofSeconds(30);
        private int maxPages = 5;

        private Builder() {
        }

        /**
         * @param uri the API's base address (default {@link #PRODUCTION}); HTTPS, or HTTP on the loopback interface
         *            only (a local stub)
         * @return this builder
         */
        public Builder baseUri(URI uri) {
            this.base = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * @param key the API key from the ANS API portal, sent as {@link #API_KEY_HEADER} (never logged)
         * @return this builder
         */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /**
         * @param tls trust anchors and protocols; by default the JVM's trust store (the directory's certificate comes
         *            from a public authority) with TLS 1.2 or 1.3
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /**
         * @param timeouts connect and read timeouts (default 10 s and 35 s: the directory itself gives up after 30 s)
         * @return this builder
         */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * The client-side rate limit: at most {@code requests} requests start within any {@code per} window (default
         * {@link #DEFAULT_REQUESTS_PER_SECOND} per second). The directory allows
         * {@link #PUBLISHED_REQUESTS_PER_SECOND} per second for the whole application.
         *
         * @param requests requests per window, 1 or more
         * @param per      the window
         * @return this builder
         */
        public Builder rateLimit(int requests, Duration per) {
            this.permits = requests;
            this.window = Objects.requireNonNull(per, "per");
            return this;
        }

        /**
         * @param wait how long a search may wait for the rate limiter before failing with an
         *             {@link AnnuaireRateLimitException} without sending (default 30 s; zero: never wait)
         * @return this builder
         */
        public Builder maxWait(Duration wait) {
            this.maxWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /**
         * @param pages the most result pages (of 50) read per query (default 5); beyond, the result is marked
         *              truncated
         * @return this builder
         */
        public Builder maxPages(int pages) {
            this.maxPages = pages;
            return this;
        }

        /**
         * @return the client
         * @throws InvalidRequestException listing every missing or invalid setting
         */
        public AnnuaireClient build() {
            Violations v = new Violations();
            v.require(apiKey != null && apiKey.matches("[\\x21-\\x7e]{8,512}"), "apiKey",
                    "the API key is required (printable ASCII, no spaces)");
            v.require("https".equalsIgnoreCase(base.getScheme())
                    || "http".equalsIgnoreCase(base.getScheme()) && loopback(base.getHost()), "baseUri",
                    "HTTPS is required (HTTP only towards a loopback stub)");
            v.require(base.getHost() != null && base.getQuery() == null && base.getFragment() == null, "baseUri",
                    "an absolute base address without query");
            v.require(permits >= 1 && !window.isNegative() && !window.isZero(), "rateLimit",
                    "at least 1 request per positive window");
            v.require(!maxWait.isNegative(), "maxWait", "zero or positive");
            v.require(maxPages >= 1 && maxPages <= 100, "maxPages", "1 to 100");
            v.throwIfAny();
            return new AnnuaireClient(this);
        }

        private static boolean loopback(String host) {
            if (host == null) {
                return false;
            }
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            try {
                return host.matches("[0-9.:\\[\\]a-fA-F]+") && InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    /** @return the configured base address */
    public URI baseUri() {
        return base;
    }

    /** @return the page limit per query */
    public int maxPages() {
        return maxPages;
    }

    /** @return the longest wait allowed for the rate limiter */
    public Duration maxWait() {
        return maxWait;
    }
}
