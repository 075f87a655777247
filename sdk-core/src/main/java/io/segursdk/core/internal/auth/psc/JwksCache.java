package io.segursdk.core.internal.auth.psc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.segursdk.core.error.TransportException;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's signing keys, fetched once and fetched again when a token names a key id the cache does not hold
 * (key rotation), at most once per {@link #MIN_REFRESH} to resist floods of tokens with random key ids.
 */
public final class JwksCache {

    /** The shortest time between two fetches caused by unknown key ids. */
    public static final Duration MIN_REFRESH = Duration.ofSeconds(10);

    private final PscHttp http;
    private final URI jwksUri;
    private final Clock clock;
    private JWKSet keys;
    private Instant fetchedAt;

    /**
     * @param http    the HTTP client
     * @param jwksUri the JWKS address
     * @param clock   the clock
     */
    public JwksCache(PscHttp http, URI jwksUri, Clock clock) {
        this.http = http;
        this.jwksUri = jwksUri;
        this.clock = clock;
    }

    /**
     * @param keyId the key id from the token header
     * @return the key, fetching the JWKS again when the id is unknown and the last fetch is old enough
     */
    public synchronized Optional<JWK> key(String keyId) {
        if (keys == null) {
            fetch();
        }
        JWK k = keyId == null ? single() : keys.getKeyByKeyId(keyId);
        if (k == null && fetchedAt.plus(MIN_REFRESH).isBefore(clock.instant())) {
            fetch();
            k = keyId == null ? single() : keys.getKeyByKeyId(keyId);
        }
        return Optional.ofNullable(k);
    }

    /** Forgets the keys, so that the next lookup fetches them (used by tests and after a long idle period). */
    public synchronized void clear() {
        keys = null;
    }

    private JWK single() {
        return keys.getKeys().size() == 1 ? keys.getKeys().get(0) : null;
    }

    private void fetch() {
        PscHttp.Response r = http.get(jwksUri, Map.of());
        if (r.status() != 200) {
            throw new TransportException("Pro Santé Connect answered HTTP " + r.status() + " for its signing keys",
                    PscHttp.SERVICE, null, r.status(), r.status() >= 500, null);
        }
        try {
            keys = JWKSet.parse(r.body());
            fetchedAt = clock.instant();
        } catch (ParseException e) {
            throw new TransportException("Unreadable JWKS from Pro Santé Connect", PscHttp.SERVICE, null, 200, false,
                    e);
        }
    }
}
