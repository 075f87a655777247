package io.segursdk.core.auth.psc;

import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.psc.PscSimulator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Helpers for the PSC tests: a browser stand-in that follows the authorize redirect, and a clock tests can move. */
final class PscTestSupport {

    private PscTestSupport() {
    }

    static TlsOptions tlsFor(PscSimulator psc) {
        return TlsOptions.builder().addTrustAnchor(psc.trustAnchor()).build();
    }

    /** Plays the browser: GETs the authorization URI and returns where PSC redirects it (the callback). */
    static URI followAuthorize(PscSimulator psc, URI authorizationUri) throws Exception {
        HttpResponse<String> r = browser(psc).send(HttpRequest.newBuilder(authorizationUri).GET()
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            throw new AssertionError("authorize answered " + r.statusCode() + ": " + r.body());
        }
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    static HttpClient browser(PscSimulator psc) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", psc.trustAnchor());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A clock that tests move forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
