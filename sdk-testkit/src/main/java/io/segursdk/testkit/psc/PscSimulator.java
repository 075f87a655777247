package io.segursdk.testkit.psc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ClientAuth;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.server.SimulatorServer;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Pro Santé Connect simulator: a real OpenID Connect provider on a loopback {@link SimulatorServer}, laid out like
 * PSC (Keycloak realm {@code esante-wallet}, discovery at {@code /.well-known/wallet-openid-configuration}), for the
 * vendor's integration tests.
 *
 * <p>It serves discovery, JWKS (an RSA key generated per simulator, rotatable), authorize (authorization code with
 * PKCE, approved at once for the professional named by {@code login_hint} or set with {@link #loginAs(String)},
 * answered by a redirect that a test follows with any HTTP client, no browser), token ({@code authorization_code}
 * with PKCE S256 verification, {@code refresh_token}, CIBA {@code urn:openid:params:grant-type:ciba}, token exchange
 * RFC 8693), userinfo (PSC claims: {@code SubjectNameID}, {@code SubjectRefPro} with exercices and activities…), the
 * CIBA backchannel authentication endpoint with a scripted outcome per request ({@link CibaOutcome}), introspection
 * (RFC 7662; usable as Dovecot's {@code introspection_url} for XOAUTH2), revocation (RFC 7009) and end session.
 * Tokens are RS256 JWTs.
 *
 * <p>Clients authenticate as registered ({@link RegisteredClient}): secret (basic or post), {@code private_key_jwt}
 * with an RS256 assertion, or {@code tls_client_auth} with a certificate from the {@link TestPki}.
 *
 * <pre>{@code
 * try (PscSimulator psc = PscSimulator.builder(pki)
 *         .client(RegisteredClient.secret("my-software", "s3cret"))
 *         .professional(TestProfessional.physician("10001234567", "MARTIN", "JEANNE"))
 *         .build()
 *         .start()) {
 *     URI issuer = psc.issuer();     // give it to the code under test
 * }
 * }</pre>
 *
 * <p>Thread-safe. Errors are answered as OAuth 2.0 error responses ({@code {"error": ..., "error_description": ...}}).
 * The simulator never logs tokens.
 */
public final class PscSimulator implements AutoCloseable {

    /** The realm path of PSC's Keycloak, also used by the simulator. */
    public static final String REALM_PATH = "/auth/realms/esante-wallet";
    /** PSC's discovery path, relative to the issuer. */
    public static final String DISCOVERY_PATH = "/.well-known/wallet-openid-configuration";
    /** The CIBA grant type. */
    public static final String GRANT_CIBA = "urn:openid:params:grant-type:ciba";
    /** The token exchange grant type (RFC 8693). */
    public static final String GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** The token type URI of access tokens (RFC 8693). */
    public static final String TOKEN_TYPE_ACCESS = "urn:ietf:params:oauth:token-type:access_token";

    private static final String OIDC = REALM_PATH + "/protocol/openid-connect";
    private static final String P_AUTH = OIDC + "/auth";
    private static final String P_TOKEN = OIDC + "/token";
    private static final String P_USERINFO = OIDC + "/userinfo";
    private static final String P_JWKS = OIDC + "/certs";
    private static final String P_LOGOUT = OIDC + "/logout";
    private static final String P_INTROSPECT = OIDC + "/token/introspect";
    private static final String P_REVOKE = OIDC + "/revoke";
    private static final String P_CIBA = OIDC + "/ext/ciba/auth";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final SimulatorServer server;
    private final Clock clock;
    private final Duration accessTokenLifetime;
    private final Duration refreshTokenLifetime;
    private final Duration cibaExpiresIn;
    private final int cibaIntervalSeconds;
    private final String acr;
    private final SecureRandom random = new SecureRandom();

    private final Map<String, TestProfessional> professionals = new ConcurrentHashMap<>();
    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, CibaState> cibaRequests = new ConcurrentHashMap<>();
    private final Set<String> revokedJtis = ConcurrentHashMap.newKeySet();
    private final Set<String> endedSessions = ConcurrentHashMap.newKeySet();
    private final Set<String> usedAssertionJtis = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<CibaOutcome> cibaOutcomes = new ConcurrentLinkedQueue<>();
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private volatile String interactiveUser;

    private PscSimulator(Builder b) {
        this.server = SimulatorServer.builder().pki(b.pki).clientAuth(ClientAuth.WANT).build();
        this.clock = b.clock;
        this.accessTokenLifetime = b.accessTokenLifetime;
        this.refreshTokenLifetime = b.refreshTokenLifetime;
        this.cibaExpiresIn = b.cibaExpiresIn;
        this.cibaIntervalSeconds = b.cibaIntervalSeconds;
        this.acr = b.acr;
        b.clients.forEach(this::registerClient);
        b.professionals.forEach(this::addProfessional);
        keys.add(newKey());
    }

    /**
     * @param pki the test PKI that issues the server's TLS certificate and whose root the simulator trusts for
     *            {@code tls_client_auth}
     * @return a builder
     */
    public static Builder builder(TestPki pki) {
        return new Builder(pki);
    }

    /**
     * Starts listening on an ephemeral loopback port.
     *
     * @return this simulator
     */
    public PscSimulator start() {
        server.start();
        server.route(REALM_PATH + DISCOVERY_PATH, r -> json(200, discovery()));
        server.route(P_JWKS, r -> SimResponse.of(200, "application/json", jwks()));
        server.route(P_AUTH, this::authorize);
        server.route(P_TOKEN, this::token);
        server.route(P_USERINFO, this::userinfo);
        server.route(P_INTROSPECT, this::introspect);
        server.route(P_REVOKE, this::revoke);
        server.route(P_LOGOUT, this::logout);
        server.route(P_CIBA, this::backchannelAuthentication);
        return this;
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** @return the issuer, e.g. {@code https://127.0.0.1:41234/auth/realms/esante-wallet} */
    public URI issuer() {
        return server.uri(REALM_PATH);
    }

    /** @return the discovery document's address */
    public URI discoveryUri() {
        return server.uri(REALM_PATH + DISCOVERY_PATH);
    }

    /** @return the token endpoint */
    public URI tokenEndpoint() {
        return server.uri(P_TOKEN);
    }

    /**
     * The introspection endpoint (RFC 7662): POST {@code token=...} with client authentication (Basic for a secret
     * client), or a request carrying the token as {@code Authorization: Bearer}. Answers {@code active},
     * {@code sub}, {@code client_id}, {@code username} (the national id), {@code email} (the mailbox, when the
     * professional has one), {@code scope}, {@code exp}, {@code iat}, {@code iss}, {@code aud}.
     *
     * @return the introspection endpoint
     */
    public URI introspectionEndpoint() {
        return server.uri(P_INTROSPECT);
    }

    /** @return the root certificate clients must trust to reach the simulator */
    public X509Certificate trustAnchor() {
        return server.pki().rootCertificate();
    }

    /** @return the underlying server, for captured requests ({@code captured()}) and faults ({@code injectFault}) */
    public SimulatorServer server() {
        return server;
    }

    // --------------------------------------------------------------------------------------------- configuration

    /**
     * Adds or replaces a professional.
     *
     * @param professional the professional
     * @return this simulator
     */
    public PscSimulator addProfessional(TestProfessional professional) {
        professionals.put(professional.nationalId(), professional);
        if (interactiveUser == null) {
            interactiveUser = professional.nationalId();
        }
        return this;
    }

    /**
     * Registers or replaces a client.
     *
     * @param client the client
     * @return this simulator
     */
    public PscSimulator registerClient(RegisteredClient client) {
        clients.put(client.clientId(), client);
        return this;
    }

    /**
     * Chooses who "logs in" at the authorize endpoint when the request carries no {@code login_hint} (by default,
     * the first professional added).
     *
     * @param nationalId a known professional's national id
     * @return this simulator
     * @throws IllegalArgumentException when no such professional was added
     */
    public PscSimulator loginAs(String nationalId) {
        if (!professionals.containsKey(nationalId)) {
            throw new IllegalArgumentException("unknown professional");
        }
        interactiveUser = nationalId;
        return this;
    }

    /**
     * Queues the outcome of the next CIBA request; requests with no queued outcome are approved at the first poll.
     *
     * @param outcome the outcome
     * @return this simulator
     */
    public PscSimulator enqueueCibaOutcome(CibaOutcome outcome) {
        cibaOutcomes.add(Objects.requireNonNull(outcome, "outcome"));
        return this;
    }

    /**
     * Generates a new signing key: tokens issued from now on carry its key id; the JWKS publishes the new and the
     * previous keys (clients holding a cached JWKS must fetch it again).
     *
     * @return the new key id
     */
    public String rotateSigningKey() {
        RSAKey key = newKey();
        keys.add(0, key);
        while (keys.size() > 2) {
            keys.remove(keys.size() - 1);
        }
        return key.getKeyID();
    }

    // ------------------------------------------------------------------------------------------------- tokens

    /**
     * Issues a valid access token for a professional and a registered client without any flow, e.g. to log in to a
     * mail simulator with XOAUTH2. Introspection reports it active until it expires or is revoked.
     *
     * @param nationalId a known professional's national id
     * @param clientId   the client (audience) the token is for
     * @return the access token (a JWT)
     * @throws IllegalArgumentException for an unknown professional
     */
    public String issueAccessToken(String nationalId, String clientId) {
        TestProfessional p = professional(nationalId)
                .orElseThrow(() -> new IllegalArgumentException("unknown professional"));
        return accessToken(p, clientId, "openid scope_all", newId(), List.of(clientId));
    }

    /**
     * The claims the simulator puts into an ID token; change them and {@link #signJwt(Map) sign} the map to test how
     * a client handles a wrong audience, nonce, issuer or expiry.
     *
     * @param nationalId a known professional's national id
     * @param clientId   the audience
     * @param nonce      the nonce, or {@code null}
     * @return a mutable map of claims (times in epoch seconds)
     */
    public Map<String, Object> idTokenClaims(String nationalId, String clientId, String nonce) {
        TestProfessional p = professional(nationalId)
                .orElseThrow(() -> new IllegalArgumentException("unknown professional"));
        Instant now = clock.instant();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", issuer().toString());
        c.put("sub", subjectOf(p));
        c.put("aud", clientId);
        c.put("azp", clientId);
        c.put("iat", now.getEpochSecond());
        c.put("auth_time", now.getEpochSecond());
        c.put("exp", now.plus(accessTokenLifetime).getEpochSecond());
        c.put("jti", newId());
        c.put("typ", "ID");
        if (nonce != null) {
            c.put("nonce", nonce);
        }
        c.put("acr", acr);
        c.put("preferred_username", p.nationalId());
        c.put("SubjectNameID", p.nationalId());
        c.put("given_name", p.givenName());
        c.put("family_name", p.familyName());
        return c;
    }

    /**
     * Signs claims with the simulator's current key (RS256, with its key id).
     *
     * @param claims JWT claims (times in epoch seconds)
     * @return the compact JWT
     */
    public String signJwt(Map<String, Object> claims) {
        return sign(keys.get(0), claims);
    }

    /**
     * Signs claims with a key the simulator does not publish but under the current key id: a forged token.
     *
     * @param claims JWT claims
     * @return the compact JWT
     */
    public String forgeJwt(Map<String, Object> claims) {
        RSAKey rogue = newKey();
        try {
            RSAKey sameKid = new RSAKey.Builder(rogue.toRSAPublicKey()).privateKey(rogue.toRSAPrivateKey())
                    .keyID(keys.get(0).getKeyID()).build();
            return sign(sameKid, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ endpoints

    private Map<String, Object> discovery() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuer().toString());
        d.put("authorization_endpoint", server.uri(P_AUTH).toString());
        d.put("token_endpoint", server.uri(P_TOKEN).toString());
        d.put("userinfo_endpoint", server.uri(P_USERINFO).toString());
        d.put("jwks_uri", server.uri(P_JWKS).toString());
        d.put("end_session_endpoint", server.uri(P_LOGOUT).toString());
        d.put("introspection_endpoint", server.uri(P_INTROSPECT).toString());
        d.put("revocation_endpoint", server.uri(P_REVOKE).toString());
        d.put("backchannel_authentication_endpoint", server.uri(P_CIBA).toString());
        d.put("backchannel_token_delivery_modes_supported", List.of("poll"));
        d.put("grant_types_supported", List.of("authorization_code", "refresh_token", GRANT_CIBA, GRANT_TOKEN_EXCHANGE));
        d.put("response_types_supported", List.of("code"));
        d.put("scopes_supported", List.of("openid", "scope_all", "eidas1", "eidas2", "offline_access"));
        d.put("acr_values_supported", List.of("eidas1", "eidas2"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("token_endpoint_auth_methods_supported",
                List.of("private_key_jwt", "client_secret_basic", "client_secret_post", "tls_client_auth"));
        d.put("tls_client_certificate_bound_access_tokens", false);
        Map<String, Object> aliases = new LinkedHashMap<>();
        aliases.put("token_endpoint", server.uri(P_TOKEN).toString());
        aliases.put("userinfo_endpoint", server.uri(P_USERINFO).toString());
        aliases.put("introspection_endpoint", server.uri(P_INTROSPECT).toString());
        aliases.put("revocation_endpoint", server.uri(P_REVOKE).toString());
        aliases.put("backchannel_authentication_endpoint", server.uri(P_CIBA).toString());
        d.put("mtls_endpoint_aliases", aliases);
        return d;
    }

    private String jwks() {
        List<com.nimbusds.jose.jwk.JWK> pub = new ArrayList<>();
        for (RSAKey k : keys) {
            pub.add(k.toPublicJWK());
        }
        return new JWKSet(pub).toString(true);
    }

    private SimResponse authorize(SimRequest r) {
        Map<String, String> q = parseForm(r.query().orElse(""));
        if (r.method().equals("POST")) {
            q.putAll(parseForm(r.bodyAsString()));
        }
        String clientId = q.get("client_id");
        String redirect = q.get("redirect_uri");
        if (clientId == null || !clients.containsKey(clientId)) {
            return SimResponse.of(400, "text/plain", "unknown client_id");
        }
        if (redirect == null || !(redirect.startsWith("https://") || redirect.startsWith("http://"))) {
            return SimResponse.of(400, "text/plain", "missing or invalid redirect_uri");
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            return redirect(redirect, "error", "unsupported_response_type", "state", state);
        }
        if (q.get("scope") == null || !List.of(q.get("scope").split(" ")).contains("openid")) {
            return redirect(redirect, "error", "invalid_scope", "error_description", "openid scope required",
                    "state", state);
        }
        String challenge = q.get("code_challenge");
        if (challenge == null || !"S256".equals(q.get("code_challenge_method"))) {
            return redirect(redirect, "error", "invalid_request", "error_description",
                    "PKCE with S256 is required", "state", state);
        }
        String who = q.getOrDefault("login_hint", interactiveUser);
        if (who == null || !professionals.containsKey(who)) {
            return redirect(redirect, "error", "access_denied", "error_description", "unknown professional",
                    "state", state);
        }
        String code = newId();
        codes.put(code, new CodeGrant(clientId, redirect, who, q.get("nonce"), challenge, q.get("scope"),
                clock.instant().plusSeconds(60)));
        return redirect(redirect, "code", code, "state", state);
    }

    private SimResponse token(SimRequest r) throws Exception {
        Map<String, String> f = parseForm(r.bodyAsString());
        RegisteredClient client;
        try {
            client = authenticateClient(r, f);
        } catch (OAuthError e) {
            return e.response();
        }
        String grant = f.getOrDefault("grant_type", "");
        try {
            switch (grant) {
                case "authorization_code":
                    return json(200, codeGrant(client, f));
                case "refresh_token":
                    return json(200, refreshGrant(client, f));
                case GRANT_CIBA:
                    return json(200, cibaGrant(client, f));
                case GRANT_TOKEN_EXCHANGE:
                    return json(200, exchangeGrant(client, f));
                default:
                    throw new OAuthError(400, "unsupported_grant_type", "grant type not supported");
            }
        } catch (OAuthError e) {
            return e.response();
        }
    }

    private Map<String, Object> codeGrant(RegisteredClient client, Map<String, String> f) throws OAuthError {
        String code = f.get("code");
        CodeGrant g = code == null ? null : codes.remove(code);
        if (g == null) {
            throw new OAuthError(400, "invalid_grant", "unknown, expired or already used code");
        }
        if (!g.clientId.equals(client.clientId())) {
            throw new OAuthError(400, "invalid_grant", "code issued to another client");
        }
        if (clock.instant().isAfter(g.expiresAt)) {
            throw new OAuthError(400, "invalid_grant", "code expired");
        }
        if (!g.redirectUri.equals(f.get("redirect_uri"))) {
            throw new OAuthError(400, "invalid_grant", "redirect_uri does not match");
        }
        String verifier = f.get("code_verifier");
        if (verifier == null || !s256(verifier).equals(g.codeChallenge)) {
            throw new OAuthError(400, "invalid_grant", "PKCE verification failed");
        }
        return issueTokens(client.clientId(), professionals.get(g.nationalId), g.scope, g.nonce, newId());
    }

    private Map<String, Object> refreshGrant(RegisteredClient client, Map<String, String> f) throws OAuthError {
        String rt = f.get("refresh_token");
        Grant g = rt == null ? null : refreshTokens.remove(rt);
        if (g == null || !g.clientId.equals(client.clientId()) || clock.instant().isAfter(g.expiresAt)
                || endedSessions.contains(g.sessionId)) {
            throw new OAuthError(400, "invalid_grant", "invalid refresh token");
        }
        return issueTokens(client.clientId(), professionals.get(g.nationalId), g.scope, null, g.sessionId);
    }

    private Map<String, Object> cibaGrant(RegisteredClient client, Map<String, String> f) throws OAuthError {
        String id = f.get("auth_req_id");
        CibaState s = id == null ? null : cibaRequests.get(id);
        if (s == null || !s.clientId.equals(client.clientId())) {
            throw new OAuthError(400, "invalid_grant", "unknown auth_req_id");
        }
        if (clock.instant().isAfter(s.expiresAt)) {
            cibaRequests.remove(id);
            throw new OAuthError(400, "expired_token", "the authentication request expired");
        }
        List<CibaOutcome.Step> steps = s.outcome.steps();
        int i = s.polls.getAndIncrement();
        CibaOutcome.Step step = steps.get(Math.min(i, steps.size() - 1));
        switch (step) {
            case PENDING:
                throw new OAuthError(400, "authorization_pending", "the professional has not answered yet");
            case SLOW_DOWN:
                throw new OAuthError(400, "slow_down", "polling too fast");
            case DENY:
                cibaRequests.remove(id);
                throw new OAuthError(400, "access_denied", "the professional refused");
            case EXPIRE:
                cibaRequests.remove(id);
                throw new OAuthError(400, "expired_token", "the authentication request expired");
            default:
                cibaRequests.remove(id);
                return issueTokens(client.clientId(), professionals.get(s.nationalId), s.scope, null, newId());
        }
    }

    private Map<String, Object> exchangeGrant(RegisteredClient client, Map<String, String> f) throws OAuthError {
        String subjectToken = f.get("subject_token");
        if (subjectToken == null || !TOKEN_TYPE_ACCESS.equals(f.get("subject_token_type"))) {
            throw new OAuthError(400, "invalid_request", "subject_token and an access_token subject_token_type required");
        }
        JWTClaimsSet claims = activeAccessToken(subjectToken)
                .orElseThrow(() -> new OAuthError(400, "invalid_grant", "subject token not active"));
        TestProfessional p = professionals.get(nationalIdOf(claims));
        String audience = f.getOrDefault("audience", client.clientId());
        String sid = stringClaim(claims, "sid");
        String token = accessToken(p, client.clientId(), stringClaim(claims, "scope"), sid == null ? newId() : sid,
                List.of(audience));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("issued_token_type", TOKEN_TYPE_ACCESS);
        out.put("token_type", "Bearer");
        out.put("expires_in", accessTokenLifetime.getSeconds());
        return out;
    }

    private SimResponse backchannelAuthentication(SimRequest r) {
        Map<String, String> f = parseForm(r.bodyAsString());
        try {
            RegisteredClient client = authenticateClient(r, f);
            String scope = f.get("scope");
            if (scope == null || !List.of(scope.split(" ")).contains("openid")) {
                throw new OAuthError(400, "invalid_scope", "openid scope required");
            }
            String hint = f.get("login_hint");
            if (hint == null) {
                throw new OAuthError(400, "invalid_request", "login_hint required");
            }
            if (!professionals.containsKey(hint)) {
                throw new OAuthError(400, "unknown_user_id", "unknown professional");
            }
            String binding = f.get("binding_message");
            if (binding != null && !binding.matches("[0-9]{2}")) {
                throw new OAuthError(400, "invalid_binding_message", "binding_message must be two digits");
            }
            String channel = f.get("channel");
            if (channel != null && !channel.equals("CARD") && !channel.equals("MOBILE")) {
                throw new OAuthError(400, "invalid_request", "channel must be CARD or MOBILE");
            }
            CibaOutcome outcome = cibaOutcomes.poll();
            String id = newId();
            cibaRequests.put(id, new CibaState(client.clientId(), hint, scope,
                    outcome == null ? CibaOutcome.approve() : outcome, clock.instant().plus(cibaExpiresIn)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("auth_req_id", id);
            out.put("expires_in", cibaExpiresIn.getSeconds());
            out.put("interval", cibaIntervalSeconds);
            return json(200, out);
        } catch (OAuthError e) {
            return e.response();
        }
    }

    private SimResponse userinfo(SimRequest r) {
        Optional<String> bearer = bearer(r);
        Optional<JWTClaimsSet> claims = bearer.flatMap(this::activeAccessToken);
        if (claims.isEmpty()) {
            return SimResponse.builder().status(401)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
        }
        TestProfessional p = professionals.get(nationalIdOf(claims.get()));
        return json(200, userinfoClaims(p));
    }

    private SimResponse introspect(SimRequest r) {
        Map<String, String> f = parseForm(r.bodyAsString());
        f.putAll(parseForm(r.query().orElse("")));
        String token = f.get("token");
        if (token == null) {
            token = bearer(r).orElse(null);
        } else {
            try {
                authenticateClient(r, f);
            } catch (OAuthError e) {
                return e.response();
            }
        }
        if (token == null) {
            return json(400, Map.of("error", "invalid_request", "error_description", "token required"));
        }
        Optional<JWTClaimsSet> claims = activeAccessToken(token);
        if (claims.isEmpty()) {
            return json(200, Map.of("active", false));
        }
        JWTClaimsSet c = claims.get();
        TestProfessional p = professionals.get(nationalIdOf(c));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("sub", c.getSubject());
        out.put("client_id", stringClaim(c, "azp"));
        out.put("username", p.nationalId());
        p.emailAddress().ifPresent(e -> out.put("email", e));
        out.put("scope", stringClaim(c, "scope"));
        out.put("token_type", "Bearer");
        out.put("exp", c.getExpirationTime().toInstant().getEpochSecond());
        out.put("iat", c.getIssueTime().toInstant().getEpochSecond());
        out.put("iss", c.getIssuer());
        out.put("aud", c.getAudience().size() == 1 ? c.getAudience().get(0) : c.getAudience());
        return json(200, out);
    }

    private SimResponse revoke(SimRequest r) {
        Map<String, String> f = parseForm(r.bodyAsString());
        try {
            RegisteredClient client = authenticateClient(r, f);
            String token = f.get("token");
            if (token == null) {
                throw new OAuthError(400, "invalid_request", "token required");
            }
            Grant g = refreshTokens.get(token);
            if (g != null && g.clientId.equals(client.clientId())) {
                refreshTokens.remove(token);
            } else {
                parseOwn(token).ifPresent(c -> revokedJtis.add(c.getJWTID()));
            }
            return SimResponse.status(200);
        } catch (OAuthError e) {
            return e.response();
        }
    }

    private SimResponse logout(SimRequest r) {
        Map<String, String> f = parseForm(r.query().orElse(""));
        f.putAll(parseForm(r.bodyAsString()));
        String hint = f.get("id_token_hint");
        Optional<JWTClaimsSet> idToken = hint == null ? Optional.empty() : parseOwn(hint);
        String rt = f.get("refresh_token");
        Grant g = rt == null ? null : refreshTokens.remove(rt);
        String sid = idToken.map(c -> stringClaim(c, "sid")).orElse(g == null ? null : g.sessionId);
        if (sid == null) {
            return json(400, Map.of("error", "invalid_request", "error_description",
                    "id_token_hint or refresh_token required"));
        }
        endedSessions.add(sid);
        String back = f.get("post_logout_redirect_uri");
        if (back != null) {
            return redirect(back, "state", f.get("state"));
        }
        return SimResponse.status(204);
    }

    // -------------------------------------------------------------------------------------- client authentication

    private RegisteredClient authenticateClient(SimRequest r, Map<String, String> f) throws OAuthError {
        Optional<String> basic = r.header("authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6));
        if (basic.isPresent()) {
            String decoded = new String(Base64.getDecoder().decode(basic.get().substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String id = colon < 0 ? decoded : URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = colon < 0 ? "" : URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            return checkSecret(id, secret);
        }
        if (f.containsKey("client_secret")) {
            return checkSecret(f.get("client_id"), f.get("client_secret"));
        }
        if (f.containsKey("client_assertion")) {
            return checkAssertion(f);
        }
        RegisteredClient c = f.get("client_id") == null ? null : clients.get(f.get("client_id"));
        if (c != null && c.method() == RegisteredClient.Method.TLS_CLIENT_AUTH) {
            Optional<X509Certificate> cert = r.clientCertificate();
            if (cert.isPresent() && cert.get().equals(c.certificate().orElseThrow())) {
                return c;
            }
            throw new OAuthError(401, "invalid_client", "client certificate missing or not the registered one");
        }
        throw new OAuthError(401, "invalid_client", "client authentication failed");
    }

    private RegisteredClient checkSecret(String id, String secret) throws OAuthError {
        RegisteredClient c = id == null ? null : clients.get(id);
        if (c == null || c.method() != RegisteredClient.Method.SECRET || !c.secret().orElseThrow().equals(secret)) {
            throw new OAuthError(401, "invalid_client", "client authentication failed");
        }
        return c;
    }

    private RegisteredClient checkAssertion(Map<String, String> f) throws OAuthError {
        if (!ASSERTION_TYPE.equals(f.get("client_assertion_type"))) {
            throw new OAuthError(401, "invalid_client", "unsupported client_assertion_type");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(f.get("client_assertion"));
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            RegisteredClient client = c.getIssuer() == null ? null : clients.get(c.getIssuer());
            if (client == null || client.method() != RegisteredClient.Method.PRIVATE_KEY_JWT
                    || !client.clientId().equals(c.getSubject())
                    || (f.get("client_id") != null && !f.get("client_id").equals(client.clientId()))) {
                throw new OAuthError(401, "invalid_client", "unknown client or wrong iss/sub");
            }
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier((RSAPublicKey) client.certificate().orElseThrow().getPublicKey()))) {
                throw new OAuthError(401, "invalid_client", "client assertion signature invalid");
            }
            List<String> okAudiences = List.of(issuer().toString(), server.uri(P_TOKEN).toString(),
                    server.uri(P_CIBA).toString(), server.uri(P_INTROSPECT).toString(), server.uri(P_REVOKE).toString());
            if (c.getAudience().stream().noneMatch(okAudiences::contains)) {
                throw new OAuthError(401, "invalid_client", "client assertion audience is not this provider");
            }
            if (c.getExpirationTime() == null || !c.getExpirationTime().toInstant().isAfter(clock.instant())) {
                throw new OAuthError(401, "invalid_client", "client assertion expired");
            }
            if (c.getJWTID() == null || !usedAssertionJtis.add(c.getJWTID())) {
                throw new OAuthError(401, "invalid_client", "client assertion jti missing or replayed");
            }
            return client;
        } catch (ParseException | JOSEException | ClassCastException e) {
            throw new OAuthError(401, "invalid_client", "unreadable client assertion");
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private Map<String, Object> issueTokens(String clientId, TestProfessional p, String scope, String nonce,
                                            String sessionId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", accessToken(p, clientId, scope, sessionId, List.of(clientId)));
        out.put("token_type", "Bearer");
        out.put("expires_in", accessTokenLifetime.getSeconds());
        String rt = newId();
        refreshTokens.put(rt, new Grant(clientId, p.nationalId(), scope, sessionId,
                clock.instant().plus(refreshTokenLifetime)));
        out.put("refresh_token", rt);
        out.put("refresh_expires_in", refreshTokenLifetime.getSeconds());
        Map<String, Object> id = idTokenClaims(p.nationalId(), clientId, nonce);
        id.put("sid", sessionId);
        out.put("id_token", signJwt(id));
        out.put("scope", scope);
        out.put("session_state", sessionId);
        return out;
    }

    private String accessToken(TestProfessional p, String clientId, String scope, String sessionId,
                               List<String> audience) {
        Instant now = clock.instant();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", issuer().toString());
        c.put("sub", subjectOf(p));
        c.put("aud", audience.size() == 1 ? audience.get(0) : audience);
        c.put("azp", clientId);
        c.put("iat", now.getEpochSecond());
        c.put("exp", now.plus(accessTokenLifetime).getEpochSecond());
        c.put("jti", newId());
        c.put("typ", "Bearer");
        c.put("sid", sessionId);
        c.put("scope", scope);
        c.put("acr", acr);
        c.put("preferred_username", p.nationalId());
        c.put("SubjectNameID", p.nationalId());
        return signJwt(c);
    }

    private Map<String, Object> userinfoClaims(TestProfessional p) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("sub", subjectOf(p));
        u.put("SubjectNameID", p.nationalId());
        u.put("preferred_username", p.nationalId());
        u.put("given_name", p.givenName());
        u.put("family_name", p.familyName());
        u.put("email_verified", false);
        p.emailAddress().ifPresent(e -> u.put("email", e));
        List<Object> roles = new ArrayList<>();
        List<Object> exercices = new ArrayList<>();
        for (TestExercice e : p.exercices()) {
            roles.add(e.professionCode() + "^1.2.250.1.213.1.1.5.5");
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("codeProfession", e.professionCode());
            putIf(ex, "codeCategorieProfessionnelle", e.categoryCode());
            ex.put("codeTypeSavoirFaire", e.savoirFaireTypeCode() == null ? "" : e.savoirFaireTypeCode());
            putIf(ex, "codeSavoirFaire", e.savoirFaireCode());
            putIf(ex, "codeCiviliteDexercice", p.civilite());
            ex.put("nomDexercice", e.familyName());
            ex.put("prenomDexercice", e.givenName());
            List<Object> acts = new ArrayList<>();
            for (TestActivity a : e.activities()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("codeModeExercice", a.modeExerciceCode());
                m.put("codeSecteurDactivite", a.secteurActiviteCode());
                putIf(m, "codeRole", a.roleCode());
                putIf(m, "identifiantTechniqueDeLaStructure", a.structureId());
                putIf(m, "numeroSiretSite", a.siret());
                putIf(m, "numeroFinessSite", a.finess());
                putIf(m, "raisonSocialeSite", a.structureName());
                putIf(m, "codePostal", a.postalCode());
                putIf(m, "codeCommune", a.communeCode());
                acts.add(m);
            }
            ex.put("activities", acts);
            exercices.add(ex);
        }
        u.put("SubjectRole", roles);
        Map<String, Object> ref = new LinkedHashMap<>();
        putIf(ref, "codeCivilite", p.civilite());
        ref.put("exercices", exercices);
        u.put("SubjectRefPro", ref);
        if (!p.exercices().isEmpty() && !p.exercices().get(0).activities().isEmpty()) {
            TestActivity first = p.exercices().get(0).activities().get(0);
            u.put("Secteur_Activite", first.secteurActiviteCode() + "^1.2.250.1.71.4.2.4");
            putIf(u, "SubjectOrganization", first.structureName());
            putIf(u, "SubjectOrganizationID", first.structureId());
        }
        return u;
    }

    private Optional<JWTClaimsSet> activeAccessToken(String token) {
        return parseOwn(token).filter(c -> "Bearer".equals(stringClaim(c, "typ"))
                && c.getExpirationTime() != null && c.getExpirationTime().toInstant().isAfter(clock.instant())
                && !revokedJtis.contains(c.getJWTID())
                && !endedSessions.contains(String.valueOf(stringClaim(c, "sid")))
                && professionals.containsKey(nationalIdOf(c)));
    }

    private Optional<JWTClaimsSet> parseOwn(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            for (RSAKey k : keys) {
                if (k.getKeyID().equals(jwt.getHeader().getKeyID()) && jwt.verify(new RSASSAVerifier(k))) {
                    JWTClaimsSet c = jwt.getJWTClaimsSet();
                    return issuer().toString().equals(c.getIssuer()) ? Optional.of(c) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private Optional<TestProfessional> professional(String nationalId) {
        return Optional.ofNullable(nationalId == null ? null : professionals.get(nationalId));
    }

    private static String nationalIdOf(JWTClaimsSet c) {
        String id = stringClaim(c, "preferred_username");
        return id == null ? "" : id;
    }

    private static String stringClaim(JWTClaimsSet c, String name) {
        Object v = c.getClaim(name);
        return v == null ? null : v.toString();
    }

    private static String subjectOf(TestProfessional p) {
        return UUID.nameUUIDFromBytes(("psc-sim:" + p.nationalId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String sign(RSAKey key, Map<String, Object> claims) {
        try {
            Map<String, Object> c = new LinkedHashMap<>(claims);
            JWTClaimsSet set = JWTClaimsSet.parse(c);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), set);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot sign JWT", e);
        }
    }

    private RSAKey newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            java.security.KeyPair kp = g.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) kp.getPublic()).privateKey((RSAPrivateKey) kp.getPrivate())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID(newId().substring(0, 16)).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newId() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static Optional<String> bearer(SimRequest r) {
        return r.header("authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
    }

    private static Map<String, String> parseForm(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return m;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    private static SimResponse redirect(String base, String... params) {
        StringBuilder sb = new StringBuilder(base);
        char sep = base.contains("?") ? '&' : '?';
        for (int i = 0; i + 1 < params.length; i += 2) {
            if (params[i + 1] == null) {
                continue;
            }
            sb.append(sep).append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
            sep = '&';
        }
        return SimResponse.builder().status(302).header("Location", sb.toString())
                .header("Cache-Control", "no-store").build();
    }

    private static SimResponse json(int status, Map<String, ?> body) {
        return SimResponse.builder().status(status).header("Content-Type", "application/json")
                .header("Cache-Control", "no-store")
                .body(JSONObjectUtils.toJSONString(new LinkedHashMap<String, Object>(body))
                        .getBytes(StandardCharsets.UTF_8)).build();
    }

    private static final class OAuthError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;

        OAuthError(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }

        SimResponse response() {
            SimResponse.Builder b = SimResponse.builder().status(status).header("Content-Type", "application/json")
                    .header("Cache-Control", "no-store");
            if (status == 401) {
                b.header("WWW-Authenticate", "Basic realm=\"esante-wallet\"");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error);
            body.put("error_description", getMessage());
            return b.body(JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8)).build();
        }
    }

    private record CodeGrant(String clientId, String redirectUri, String nationalId, String nonce,
                             String codeChallenge, String scope, Instant expiresAt) {
    }

    private record Grant(String clientId, String nationalId, String scope, String sessionId, Instant expiresAt) {
    }

    private record CibaState(String clientId, String nationalId, String scope, CibaOutcome outcome,
                             Instant expiresAt, AtomicInteger polls) {
        CibaState(String clientId, String nationalId, String scope, CibaOutcome outcome, Instant expiresAt) {
            this(clientId, nationalId, scope, outcome, expiresAt, new AtomicInteger());
        }
    }

    /** Builds a {@link PscSimulator}. */
    public static final class Builder {
        private final TestPki pki;
        private final List<RegisteredClient> clients = new ArrayList<>();
        private final List<TestProfessional> professionals = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration accessTokenLifetime = Duration.ofMinutes(5);
        private Duration refreshTokenLifetime = Duration.ofMinutes(30);
        private Duration cibaExpiresIn = Duration.ofSeconds(120);
        private int cibaIntervalSeconds = 5;
        private String acr = "eidas1";

        private Builder(TestPki pki) {
            this.pki = Objects.requireNonNull(pki, "pki");
        }

        /**
         * @param client a client to register
         * @return this builder
         */
        public Builder client(RegisteredClient client) {
            clients.add(Objects.requireNonNull(client, "client"));
            return this;
        }

        /**
         * @param professional a professional to add; the first one added logs in at the authorize endpoint when no
         *                     {@code login_hint} is given
         * @return this builder
         */
        public Builder professional(TestProfessional professional) {
            professionals.add(Objects.requireNonNull(professional, "professional"));
            return this;
        }

        /**
         * @param professionals professionals to add
         * @return this builder
         */
        public Builder professionals(Collection<TestProfessional> professionals) {
            professionals.forEach(this::professional);
            return this;
        }

        /**
         * @param clock the clock for issued and checked times (default: system UTC)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param lifetime access and ID token lifetime (default 5 minutes, like PSC)
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /**
         * @param lifetime refresh token lifetime (default 30 minutes)
         * @return this builder
         */
        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /**
         * @param expiresIn CIBA request lifetime (default 120 s)
         * @return this builder
         */
        public Builder cibaExpiresIn(Duration expiresIn) {
            this.cibaExpiresIn = Objects.requireNonNull(expiresIn, "expiresIn");
            return this;
        }

        /**
         * @param seconds the CIBA polling interval announced to clients (default 5; 0 lets tests poll at once)
         * @return this builder
         */
        public Builder cibaIntervalSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("interval must be >= 0");
            }
            this.cibaIntervalSeconds = seconds;
            return this;
        }

        /**
         * @param acr the {@code acr} claim of issued tokens (default {@code eidas1}; PSC may answer {@code eidas2})
         * @return this builder
         */
        public Builder acr(String acr) {
            this.acr = Objects.requireNonNull(acr, "acr");
            return this;
        }

        /** @return the simulator, not started */
        public PscSimulator build() {
            return new PscSimulator(this);
        }
    }
}
