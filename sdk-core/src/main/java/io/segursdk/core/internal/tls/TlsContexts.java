package io.segursdk.core.internal.tls;

import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.tls.TlsOptions;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Makes the SSLContext and SSLParameters every client uses: the vendor's trust anchors only, the credential as the
 * client identity, TLS 1.2/1.3, hostname verification on.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param credential the client identity, or {@code null} for server-authenticated TLS only
     * @param options    trust anchors and protocols
     * @return a new context
     */
    public static SSLContext sslContext(SigningCredential credential, TlsOptions options) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keyManagers = credential == null ? null : new KeyManager[] {credential.keyManager()};
            context.init(keyManagers, new TrustManager[] {trustManager(options.trustAnchors())}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw InvalidRequestException.of("tls", "cannot set up TLS: " + e.getMessage());
        }
    }

    /**
     * @param anchors the trusted certificates
     * @return a PKIX trust manager trusting only these
     */
    public static X509TrustManager trustManager(List<X509Certificate> anchors) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                trust.setCertificateEntry("anchor-" + i++, anchor);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509TrustManager from PKIX");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw InvalidRequestException.of("tls.trustAnchors", "cannot build the trust store: " + e.getMessage());
        }
    }

    /**
     * @param context the context the parameters are for
     * @param options the options
     * @return parameters with the protocols, the cipher suites and HTTPS endpoint identification
     */
    public static SSLParameters sslParameters(SSLContext context, TlsOptions options) {
        SSLParameters params = context.getDefaultSSLParameters();
        params.setProtocols(options.protocols().toArray(new String[0]));
        List<String> suites = options.cipherSuites();
        if (suites != null) {
            Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
            String[] usable = suites.stream().filter(supported::contains).toArray(String[]::new);
            if (usable.length == 0) {
                throw InvalidRequestException.of("tls.cipherSuites",
                        "none of the requested cipher suites is supported by this JVM: " + suites);
            }
            params.setCipherSuites(usable);
        }
        params.setEndpointIdentificationAlgorithm("HTTPS");
        return params;
    }

    /**
     * @param params parameters
     * @return a short description for logs
     */
    public static String describe(SSLParameters params) {
        return "protocols=" + Arrays.toString(params.getProtocols()) + " suites="
                + Arrays.stream(params.getCipherSuites()).collect(Collectors.joining(","));
    }
}
