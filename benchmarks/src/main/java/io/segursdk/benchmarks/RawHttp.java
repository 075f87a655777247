package io.segursdk.benchmarks;

import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.tls.TlsOptions;

import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * What the raw baselines share: a hand-configured HttpClient 5 (pooled, the same TLS protocols, cipher suites and
 * trust as the SDK's client), the JDK's identity transformer and DOM parser, one per thread.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * @param tls         the trust anchors, protocols and cipher suites
     * @param tlsIdentity the client certificate for mutual TLS, or {@code null} for server-authenticated TLS
     * @return a pooled client (64 connections)
     */
    static CloseableHttpClient client(TlsOptions tls, SigningCredential tlsIdentity) {
        try {
            KeyManagerFactory kmf = null;
            if (tlsIdentity != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("client", tlsIdentity.privateKey(), "pw".toCharArray(),
                        tlsIdentity.certificateChain().toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, "pw".toCharArray());
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < tls.trustAnchors().size(); i++) {
                ts.setCertificateEntry("a" + i, tls.trustAnchors().get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            String[] suites = tls.cipherSuites() == null ? null : tls.cipherSuites().toArray(new String[0]);
            return HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl,
                                    tls.protocols().toArray(new String[0]), suites, null, null))
                            .setMaxConnPerRoute(64).setMaxConnTotal(64).build())
                    .disableConnectionState()
                    .disableAutomaticRetries()
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the JDK's identity transformer (no XML declaration), one per thread */
    static ThreadLocal<Transformer> identityTransformers() {
        TransformerFactory tf = TransformerFactory.newInstance();
        return ThreadLocal.withInitial(() -> {
            try {
                Transformer t = tf.newTransformer();
                t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
                return t;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** @return the JDK's namespace-aware DOM parser, one per thread */
    static ThreadLocal<DocumentBuilder> domParsers() {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return ThreadLocal.withInitial(() -> {
            try {
                return dbf.newDocumentBuilder();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * One SOAP 1.2 POST of ready bytes, the whole answer read; the way a hand-written client would do it.
     *
     * @param http     the client
     * @param endpoint the service's URI
     * @param envelope the request's bytes
     * @param action   the SOAP action (in the content type's {@code action} parameter)
     * @return the answer's bytes
     * @throws IOException           on a transport failure
     * @throws IllegalStateException on an HTTP status other than 200
     */
    static byte[] postSoap(CloseableHttpClient http, URI endpoint, byte[] envelope, String action)
            throws IOException {
        HttpPost post = new HttpPost(endpoint);
        post.setEntity(new ByteArrayEntity(envelope,
                ContentType.parse("application/soap+xml; charset=UTF-8; action=\"" + action + "\"")));
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            byte[] answer = EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() != 200) {
                throw new IllegalStateException("HTTP " + response.getCode());
            }
            return answer;
        }
    }
}
