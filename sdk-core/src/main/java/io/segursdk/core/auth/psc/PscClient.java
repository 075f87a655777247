package io.segursdk.core.auth.psc;

import com.fasterxml.jackson.databind.JsonNode;
import io.segursdk.core.auth.psc.TokenValidationException.Reason;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.error.Violations;
import io.segursdk.core.internal.auth.psc.ClientAuthenticator;
import io.segursdk.core.internal.auth.psc.JwksCache;
import io.segursdk.core.internal.auth.psc.JwtValidator;
import io.segursdk.core.internal.auth.psc.OAuthErrors;
import io.segursdk.core.internal.auth.psc.PscHttp;
import io.segursdk.core.internal.auth.psc.UserInfoMapper;
import io.segursdk.core.tls.TlsOptions;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A Pro Santé Connect (PSC) client: the vendor's software as an OpenID Connect relying party of the national
 * identity provider of health professionals.
 *
 * <ul>
 *   <li>Web software: {@link #authorizationRequest(URI)} then {@link #exchangeCode(AuthorizationRequest, URI)}
 *       (authorization code with PKCE S256, state and nonce checked);</li>
 *   <li>desktop software, through the vendor's server: {@link #startCiba(String, String, CibaChannel)} then
 *       {@link #awaitCiba(CibaRequest)} or {@link #pollCiba(CibaRequest)} (CIBA in poll mode, the only mode PSC
 *       offers);</li>
 *   <li>then {@link #userInfo(String)} for the {@link ProfessionalIdentity}, {@link #refresh(String)},
 *       {@link #session(PscTokens)} for an {@link AccessTokenSupplier} that refreshes by itself,
 *       {@link #exchangeToken(String, String)} (RFC 8693) and {@link #logout(PscTokens)}.</li>
 * </ul>
 *
 * <p>Every token received is validated: RS256 signature against the provider's JWKS (cached, fetched again on key
 * rotation), issuer, audience, expiry with {@link Builder#clockSkew(Duration) skew}, nonce and authentication level
 * ({@code acr}; {@code eidas1} is requested and {@code eidas1} or {@code eidas2} accepted by default). Failures are
 * {@link TokenValidationException}s; errors answered by PSC are {@link PscErrorException}s
 * ({@link CibaDeniedException}, {@link CibaExpiredException}); network failures are
 * {@link io.segursdk.core.error.TransportException}s.
 *
 * <p>Immutable and thread-safe; one instance per client id. The endpoints are discovered on first use at PSC's own
 * discovery path. Close it to release its connections. Tokens are never logged.
 */
public final class PscClient implements AutoCloseable {

    /** The scope PSC expects: {@code openid scope_all}. */
    public static final String DEFAULT_SCOPE = "openid scope_all";
    /** RFC 8693 access token type. */
    public static final String TOKEN_TYPE_ACCESS = "urn:ietf:params:oauth:token-type:access_token";
    private static final String GRANT_CIBA = "urn:openid:params:grant-type:ciba";
    private static final String GRANT_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final Duration SLOW_DOWN_INCREMENT = Duration.ofSeconds(5);

    /** The device the professional approves a CIBA request on ({@code channel}). */
    public enum CibaChannel {
        /** The e-CPS mobile app. */
        MOBILE,
        /** The CPS card, through CPS-Gestion. */
        CARD
    }

    private final PscEnvironment environment;
    private final String clientId;
    private final ClientAuthentication authentication;
    private final Clock clock;
    private final String scope;
    private final String acrValues;
    private final Set<String> acceptedAcr;
    private final Duration clockSkew;
    private final PscHttp http;
    private final ClientAuthenticator authenticator;
    private final SecureRandom random = new SecureRandom();
    private final Object discoveryLock = new Object();
    private volatile Discovered discovered;

    private record Discovered(PscProviderMetadata metadata, JwtValidator validator, JwksCache jwks) {
    }

    private PscClient(Builder b) {
        this.environment = b.environment;
        this.clientId = b.clientId;
        this.authentication = b.authentication;
        this.clock = b.clock;
        this.scope = b.scope;
        this.acrValues = b.acrValues;
        this.acceptedAcr = Set.copyOf(b.acceptedAcr);
        this.clockSkew = b.clockSkew;
        this.http = new PscHttp(b.tls,
                authentication.method() == ClientAuthentication.Method.TLS_CLIENT_AUTH
                        ? authentication.credential().orElseThrow() : null, b.timeouts);
        this.authenticator = new ClientAuthenticator(clientId, authentication, clock, random);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the client id */
    public String clientId() {
        return clientId;
    }

    /** @return the environment */
    public PscEnvironment environment() {
        return environment;
    }

    // ------------------------------------------------------------------------------------------------ discovery

    /**
     * Returns the provider's endpoints, fetching the discovery document on first use.
     *
     * @return the metadata
     * @throws TokenValidationException when the document names another issuer
     * @throws io.segursdk.core.error.TransportException when it cannot be fetched or read
     */
    public PscProviderMetadata metadata() {
        return discovered().metadata();
    }

    private Discovered discovered() {
        Discovered d = discovered;
        if (d != null) {
            return d;
        }
        synchronized (discoveryLock) {
            if (discovered == null) {
                JsonNode n = http.json(http.get(environment.discoveryUri(), Map.of()), "discovery");
                String iss = text(n, "issuer");
                if (!environment.issuer().toString().equals(iss)) {
                    throw new TokenValidationException(Reason.ISSUER, "The discovery document of "
                            + environment.discoveryUri() + " names issuer " + iss + ", not " + environment.issuer());
                }
                Map<String, URI> aliases = new LinkedHashMap<>();
                n.path("mtls_endpoint_aliases").fields()
                        .forEachRemaining(e -> aliases.put(e.getKey(), URI.create(e.getValue().asText())));
                List<String> grants = new ArrayList<>();
                n.path("grant_types_supported").forEach(g -> grants.add(g.asText()));
                PscProviderMetadata m = new PscProviderMetadata(URI.create(iss), uri(n, "authorization_endpoint", true),
                        uri(n, "token_endpoint", true), uri(n, "userinfo_endpoint", true), uri(n, "jwks_uri", true),
                        uri(n, "end_session_endpoint", false), uri(n, "revocation_endpoint", false),
                        uri(n, "introspection_endpoint", false), uri(n, "backchannel_authentication_endpoint", false),
                        aliases, grants);
                JwksCache jwks = new JwksCache(http, m.jwksUri(), clock);
                discovered = new Discovered(m, new JwtValidator(jwks, iss, clock, clockSkew), jwks);
            }
            return discovered;
        }
    }

    private URI endpoint(String name, Function<PscProviderMetadata, URI> plain) {
        PscProviderMetadata m = metadata();
        if (authentication.method() == ClientAuthentication.Method.TLS_CLIENT_AUTH
                && m.mtlsEndpointAliases().containsKey(name)) {
            return m.mtlsEndpointAliases().get(name);
        }
        URI u = plain.apply(m);
        if (u == null) {
            throw InvalidRequestException.of("psc." + name, "Pro Santé Connect (" + environment.name()
                    + ") does not announce this endpoint");
        }
        return u;
    }

    // --------------------------------------------------------------------------------------- authorization code

    /**
     * Prepares a login through the browser: a fresh state, nonce and PKCE verifier, and the authorization URI
     * (scope, {@code acr_values}, {@code code_challenge} S256).
     *
     * @param redirectUri the callback registered with PSC
     * @return the request to keep in the user's session; redirect the browser to {@link AuthorizationRequest#uri()}
     */
    public AuthorizationRequest authorizationRequest(URI redirectUri) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        String state = randomToken(24);
        String nonce = randomToken(24);
        String verifier = randomToken(48);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", redirectUri.toString());
        q.put("scope", scope);
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("acr_values", acrValues);
        q.put("code_challenge", s256(verifier));
        q.put("code_challenge_method", "S256");
        URI base = metadata().authorizationEndpoint();
        String uri = base + (base.getRawQuery() == null ? "?" : "&") + encode(q);
        return new AuthorizationRequest(URI.create(uri), redirectUri, state, nonce, verifier);
    }

    /**
     * Completes a browser login: checks the callback's state, exchanges the code (with the PKCE verifier) and
     * validates the tokens, including the nonce.
     *
     * @param request  the request made by {@link #authorizationRequest(URI)} for this user
     * @param callback the full callback URI the browser was sent to (with {@code code} and {@code state}, or
     *                 {@code error})
     * @return the validated tokens
     * @throws TokenValidationException with reason {@code STATE} when the state does not match, or when a token fails
     *         validation
     * @throws PscErrorException when PSC answered an error ({@code access_denied} in the callback,
     *         {@code invalid_grant} for a used code or a wrong verifier…)
     */
    public PscTokens exchangeCode(AuthorizationRequest request, URI callback) {
        Map<String, String> params = decode(callback.getRawQuery());
        if (!request.state().equals(params.get("state"))) {
            throw new TokenValidationException(Reason.STATE,
                    "The authorization response's state is not the one of this login");
        }
        if (params.containsKey("error")) {
            throw OAuthErrors.of(params.get("error"), params.get("error_description"), 0);
        }
        String code = params.get("code");
        if (code == null) {
            throw new PscErrorException("invalid_request", "the callback carries no code", 0);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", request.redirectUri().toString());
        form.put("code_verifier", request.codeVerifier());
        return tokens(tokenCall(form, "authorization code"), request.nonce(), null);
    }

    // ------------------------------------------------------------------------------------------------------ CIBA

    /**
     * Starts a CIBA login (poll mode): PSC asks the professional to approve on their e-CPS app or with their card.
     * Must run on the vendor's server (PSC refuses desktop software talking to it directly).
     *
     * @param nationalId     the professional's national id ({@code login_hint}), e.g. {@code "8" + RPPS}
     * @param bindingMessage two digits, displayed by the software and on the professional's device
     * @param channel        the device, or {@code null} to let PSC choose
     * @return the accepted request
     * @throws InvalidRequestException before any call, for a missing national id or a binding message that is not
     *         two digits
     * @throws PscErrorException when PSC refuses ({@code unknown_user_id} for an unknown national id…)
     */
    public CibaRequest startCiba(String nationalId, String bindingMessage, CibaChannel channel) {
        Violations v = new Violations();
        v.require(nationalId != null && nationalId.matches("[0-9A-Za-z]{6,30}"), "psc.ciba.nationalId",
                "the professional's national id is required (e.g. 8 + RPPS)");
        v.require(bindingMessage != null && bindingMessage.matches("[0-9]{2}"), "psc.ciba.bindingMessage",
                "must be two digits, 00 to 99");
        v.throwIfAny();
        URI endpoint = endpoint("backchannel_authentication_endpoint",
                PscProviderMetadata::backchannelAuthenticationEndpoint);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope", scope);
        form.put("login_hint", nationalId);
        form.put("binding_message", bindingMessage);
        form.put("acr_values", acrValues);
        if (channel != null) {
            form.put("channel", channel.name());
        }
        JsonNode n = http.json(authenticatedPost(endpoint, form), "backchannel authentication");
        String id = text(n, "auth_req_id");
        if (id == null) {
            throw new TransportException("The CIBA answer of Pro Santé Connect carries no auth_req_id", "PSC", null,
                    200, false, null);
        }
        long expiresIn = n.path("expires_in").asLong(120);
        long interval = n.has("interval") ? n.path("interval").asLong(5) : 5;
        return new CibaRequest(id, bindingMessage, clock.instant().plusSeconds(expiresIn),
                Duration.ofSeconds(Math.max(0, interval)));
    }

    /**
     * Polls once for the outcome of a CIBA request. Call it no more often than {@code result.request().interval()}.
     *
     * @param request the request (from {@link #startCiba} or the previous poll result)
     * @return pending, slow down (with a longer interval), or approved with validated tokens
     * @throws CibaDeniedException  when the professional refused
     * @throws CibaExpiredException when the request expired
     */
    public CibaPollResult pollCiba(CibaRequest request) {
        if (clock.instant().isAfter(request.expiresAt())) {
            throw new CibaExpiredException("the request expired before the professional answered");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_CIBA);
        form.put("auth_req_id", request.authReqId());
        try {
            PscTokens tokens = tokens(tokenCall(form, "CIBA"), null, null);
            return new CibaPollResult(CibaPollResult.Status.APPROVED, request, tokens);
        } catch (PscErrorException e) {
            if (e.error().equals("authorization_pending")) {
                return new CibaPollResult(CibaPollResult.Status.PENDING, request, null);
            }
            if (e.error().equals("slow_down")) {
                return new CibaPollResult(CibaPollResult.Status.SLOW_DOWN,
                        request.withInterval(request.interval().plus(SLOW_DOWN_INCREMENT)), null);
            }
            throw e;
        }
    }

    /**
     * Polls until the professional answers, honouring the interval ({@code slow_down} adds 5 seconds), and blocks
     * the calling thread meanwhile (up to the request's expiry, typically 2 minutes).
     *
     * @param request the request
     * @return the validated tokens
     * @throws CibaDeniedException  when the professional refused
     * @throws CibaExpiredException when the request expired
     * @throws InvalidRequestException when the thread is interrupted (the interrupt flag is kept)
     */
    public PscTokens awaitCiba(CibaRequest request) {
        CibaRequest current = request;
        while (true) {
            CibaPollResult r = pollCiba(current);
            if (r.status() == CibaPollResult.Status.APPROVED) {
                return r.tokens();
            }
            current = r.request();
            try {
                Thread.sleep(current.interval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw InvalidRequestException.of("psc.ciba", "interrupted while waiting for the professional");
            }
        }
    }

    // ------------------------------------------------------------------------------------- refresh and userinfo

    /**
     * Refreshes the tokens.
     *
     * @param refreshToken the refresh token
     * @return new validated tokens
     * @throws PscErrorException with {@code invalid_grant} when the refresh token expired or was revoked: the
     *         professional must log in again
     */
    public PscTokens refresh(String refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokens(tokenCall(form, "refresh"), null, refreshToken);
    }

    /**
     * Reads the professional's identity from the userinfo endpoint.
     *
     * @param accessToken a valid access token
     * @return the identity, with exercices and activities
     * @throws PscErrorException with {@code invalid_token} when the token is refused
     */
    public ProfessionalIdentity userInfo(String accessToken) {
        PscHttp.Response r = http.get(endpoint("userinfo_endpoint", PscProviderMetadata::userinfoEndpoint),
                Map.of("Authorization", "Bearer " + accessToken));
        if (r.status() == 401 || r.status() == 403) {
            throw new PscErrorException("invalid_token", "the access token was refused by userinfo", r.status());
        }
        return UserInfoMapper.map(http.json(r, "userinfo"), http.mapper());
    }

    /**
     * Opens a session on tokens: an {@link AccessTokenSupplier} that refreshes the access token 30 seconds before it
     * expires.
     *
     * @param tokens the tokens of a login
     * @return the session
     */
    public PscSession session(PscTokens tokens) {
        return new PscSession(this, tokens, clock, Duration.ofSeconds(30));
    }

    /**
     * Opens a session with a chosen refresh margin.
     *
     * @param tokens        the tokens
     * @param refreshMargin how long before expiry the access token is refreshed
     * @return the session
     */
    public PscSession session(PscTokens tokens, Duration refreshMargin) {
        return new PscSession(this, tokens, clock, refreshMargin);
    }

    // ----------------------------------------------------------------------------------- exchange and logout

    /**
     * Exchanges an access token for another one (RFC 8693), e.g. for a service's own audience.
     *
     * @param subjectToken the PSC access token
     * @param audience     the target audience, or {@code null}
     * @return the issued token
     * @throws PscErrorException when PSC refuses the exchange
     */
    public ExchangedToken exchangeToken(String subjectToken, String audience) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_EXCHANGE);
        form.put("subject_token", Objects.requireNonNull(subjectToken, "subjectToken"));
        form.put("subject_token_type", TOKEN_TYPE_ACCESS);
        form.put("requested_token_type", TOKEN_TYPE_ACCESS);
        if (audience != null) {
            form.put("audience", audience);
        }
        JsonNode n = tokenCall(form, "token exchange");
        String token = text(n, "access_token");
        if (token == null) {
            throw new TransportException("The token exchange answer carries no access_token", "PSC", null, 200, false,
                    null);
        }
        Instant exp = n.has("expires_in") ? clock.instant().plusSeconds(n.path("expires_in").asLong()) : null;
        return new ExchangedToken(token, text(n, "issued_token_type"), exp);
    }

    /**
     * Logs the professional out of PSC from the server: revokes the refresh token (when PSC offers revocation) and
     * ends the session at the end session endpoint with the ID token as hint. Web software may instead redirect
     * the browser to {@link #endSessionUri(PscTokens, URI, String)}.
     *
     * @param tokens the session's tokens
     */
    public void logout(PscTokens tokens) {
        PscProviderMetadata m = metadata();
        if (tokens.refreshToken() != null && m.revocationEndpoint() != null) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("token", tokens.refreshToken());
            form.put("token_type_hint", "refresh_token");
            checkOk(authenticatedPost(endpoint("revocation_endpoint", PscProviderMetadata::revocationEndpoint), form),
                    "revocation");
        }
        if (m.endSessionEndpoint() != null && (tokens.idToken() != null || tokens.refreshToken() != null)) {
            Map<String, String> form = new LinkedHashMap<>();
            if (tokens.idToken() != null) {
                form.put("id_token_hint", tokens.idToken());
            }
            if (tokens.refreshToken() != null) {
                form.put("refresh_token", tokens.refreshToken());
            }
            checkOk(authenticatedPost(m.endSessionEndpoint(), form), "logout");
        }
    }

    /**
     * The address to send the browser to for a front-channel logout.
     *
     * @param tokens                the session's tokens (the ID token is the hint)
     * @param postLogoutRedirectUri where PSC sends the browser back, or {@code null}
     * @param state                 echoed back, or {@code null}
     * @return the end session URI
     * @throws InvalidRequestException when PSC announces no end session endpoint
     */
    public URI endSessionUri(PscTokens tokens, URI postLogoutRedirectUri, String state) {
        URI base = metadata().endSession().orElseThrow(() -> InvalidRequestException.of("psc.end_session_endpoint",
                "Pro Santé Connect does not announce an end session endpoint"));
        Map<String, String> q = new LinkedHashMap<>();
        tokens.id().ifPresent(t -> q.put("id_token_hint", t));
        q.put("client_id", clientId);
        if (postLogoutRedirectUri != null) {
            q.put("post_logout_redirect_uri", postLogoutRedirectUri.toString());
        }
        if (state != null) {
            q.put("state", state);
        }
        return URI.create(base + (base.getRawQuery() == null ? "?" : "&") + encode(q));
    }

    // --------------------------------------------------------------------------------------------- validation

    /**
     * Validates an ID token issued to this client.
     *
     * @param idToken       the compact JWT
     * @param expectedNonce the nonce of the login, or {@code null} (CIBA, refresh)
     * @return the verified claims
     * @throws TokenValidationException when a check fails
     */
    public VerifiedToken verifyIdToken(String idToken, String expectedNonce) {
        return discovered().validator().validate(idToken,
                new JwtValidator.Expectations(clientId, true, expectedNonce, acceptedAcr), "ID token");
    }

    /**
     * Validates a PSC access token meant for this client (its {@code aud} names the client id, or it has no
     * {@code aud} and its {@code azp} is the client id).
     *
     * @param accessToken the compact JWT
     * @return the verified claims
     * @throws TokenValidationException when a check fails
     */
    public VerifiedToken verifyAccessToken(String accessToken) {
        return verifyAccessToken(accessToken, clientId);
    }

    /**
     * Validates a PSC access token meant for a given audience (for a resource server).
     *
     * @param accessToken the compact JWT
     * @param audience    the audience that must be named
     * @return the verified claims
     * @throws TokenValidationException when a check fails
     */
    public VerifiedToken verifyAccessToken(String accessToken, String audience) {
        return discovered().validator().validate(accessToken,
                new JwtValidator.Expectations(audience, false, null, acceptedAcr), "access token");
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "PscClient[" + environment.name() + ", clientId=" + clientId + ", " + authentication + "]";
    }

    // ---------------------------------------------------------------------------------------------- internals

    private JsonNode tokenCall(Map<String, String> form, String what) {
        URI token = endpoint("token_endpoint", PscProviderMetadata::tokenEndpoint);
        return http.json(authenticatedPost(token, form), what);
    }

    private PscHttp.Response authenticatedPost(URI endpoint, Map<String, String> form) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> full = new LinkedHashMap<>(form);
        authenticator.apply(full, headers, metadata().tokenEndpoint());
        return http.postForm(endpoint, full, headers);
    }

    private void checkOk(PscHttp.Response r, String what) {
        if (r.status() >= 400) {
            http.json(r, what);
        }
    }

    private PscTokens tokens(JsonNode n, String nonce, String previousRefresh) {
        String access = text(n, "access_token");
        if (access == null) {
            throw new TransportException("The token answer of Pro Santé Connect carries no access_token", "PSC", null,
                    200, false, null);
        }
        verifyAccessToken(access);
        String id = text(n, "id_token");
        VerifiedToken idClaims = id == null ? null : verifyIdToken(id, nonce);
        Instant now = clock.instant();
        Instant exp = n.has("expires_in") ? now.plusSeconds(n.path("expires_in").asLong())
                : verifyAccessToken(access).expiresAt();
        Instant refreshExp = n.has("refresh_expires_in") && n.path("refresh_expires_in").asLong() > 0
                ? now.plusSeconds(n.path("refresh_expires_in").asLong()) : null;
        String refresh = text(n, "refresh_token");
        return new PscTokens(access, refresh == null ? previousRefresh : refresh, id, exp, refreshExp,
                text(n, "scope"), idClaims);
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> q) {
        StringBuilder sb = new StringBuilder();
        q.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery == null) {
            return m;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static URI uri(JsonNode n, String field, boolean required) {
        String s = text(n, field);
        if (s == null) {
            if (required) {
                throw new TransportException("The PSC discovery document lacks " + field, "PSC", null, 200, false,
                        null);
            }
            return null;
        }
        return URI.create(s);
    }

    /** Builds a {@link PscClient}. */
    public static final class Builder {
        private PscEnvironment environment;
        private String clientId;
        private ClientAuthentication authentication;
        private TlsOptions tls;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private String scope = DEFAULT_SCOPE;
        private String acrValues = "eidas1";
        private Set<String> acceptedAcr = new LinkedHashSet<>(List.of("eidas1", "eidas2"));
        private Duration clockSkew = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * @param environment {@link PscEnvironment#BAS}, {@link PscEnvironment#PRODUCTION} or a custom issuer
         * @return this builder
         */
        public Builder environment(PscEnvironment environment) {
            this.environment = environment;
            return this;
        }

        /**
         * @param clientId the client id PSC registered for the software
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * @param authentication how the client authenticates
         * @return this builder
         */
        public Builder clientAuthentication(ClientAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        /**
         * @param tls trust anchors (the roots of PSC's server certificates) and protocols
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /**
         * @param timeouts connect and read limits (default {@link Timeouts#DEFAULT})
         * @return this builder
         */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        /**
         * @param clock the clock token times are checked against (default system UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param scope the scope requested (default {@value PscClient#DEFAULT_SCOPE}); must contain {@code openid}
         * @return this builder
         */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @param requested the {@code acr_values} requested (default {@code eidas1})
         * @param accepted  the {@code acr} values accepted in tokens (default {@code eidas1}, {@code eidas2})
         * @return this builder
         */
        public Builder acr(String requested, Set<String> accepted) {
            this.acrValues = requested;
            this.acceptedAcr = new LinkedHashSet<>(accepted);
            return this;
        }

        /**
         * @param skew the clock difference tolerated on token times (default 60 s)
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        /**
         * @return the client
         * @throws InvalidRequestException listing every missing or invalid setting
         */
        public PscClient build() {
            Violations v = new Violations();
            v.require(environment != null, "psc.environment", "required (BAS, PRODUCTION or a custom issuer)");
            v.require(clientId != null && !clientId.isBlank(), "psc.clientId", "required");
            v.require(authentication != null, "psc.clientAuthentication", "required");
            v.require(tls != null, "psc.tls", "required: the trust anchors of PSC's server certificates");
            v.require(timeouts != null, "psc.timeouts", "required");
            v.require(clock != null, "psc.clock", "required");
            v.require(scope != null && List.of(scope.split(" ")).contains("openid"), "psc.scope",
                    "must contain openid");
            v.require(acrValues != null && !acrValues.isBlank(), "psc.acrValues", "required");
            v.require(acceptedAcr != null && !acceptedAcr.isEmpty(), "psc.acceptedAcr", "at least one value");
            v.require(clockSkew != null && !clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(5)) <= 0,
                    "psc.clockSkew", "between 0 and 5 minutes");
            v.throwIfAny();
            return new PscClient(this);
        }
    }
}
