package io.segursdk.core.internal.soap;

import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.soap.SoapFault;
import io.segursdk.core.soap.SoapFaultClassifier;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.xml.stream.XMLStreamException;

/**
 * Turns faults and low-level failures into the SDK's exceptions. Transport-independent: it looks at the JDK
 * exceptions found in a cause chain, not at the transport's own types.
 */
public final class SoapErrors {

    /** TLS alerts a server sends when it refuses the client's certificate. */
    private static final String[] CLIENT_CERT_ALERTS = {"bad_certificate", "certificate_unknown", "unknown_ca",
        "certificate_required", "certificate_revoked", "certificate_expired", "unsupported_certificate",
        "access_denied", "handshake_failure"};

    private SoapErrors() {
    }

    /**
     * @param fault      the fault
     * @param classifier decides the category
     * @return the exception to throw
     */
    public static SegurException fromFault(SoapFault fault, SoapFaultClassifier classifier) {
        SoapFaultClassifier.Category category;
        try {
            category = classifier.classify(fault);
        } catch (RuntimeException e) {
            category = null;
        }
        if (category == null) {
            category = SoapFaultClassifier.DEFAULT.classify(fault);
        }
        String message = fault.service() + " answered with a SOAP fault " + fault.code()
                + (fault.subcode() != null ? "/" + fault.subcode() : "")
                + (fault.detailCode() != null ? " (" + fault.detailCode() + ")" : "")
                + (fault.messageId() != null ? ", message id " + fault.messageId() : "");
        return switch (category) {
            case AUTHENTICATION -> new AuthenticationException(message, fault.service(), fault.code(),
                    subcodeOrDetail(fault), fault.messageId(), null);
            case ACCESS_DENIED -> new AccessDeniedException(message, fault.service(), fault.code(),
                    subcodeOrDetail(fault), fault.messageId(), null);
            case SERVICE_FAULT, RETRYABLE_SERVICE_FAULT -> new ServiceFaultException(message, fault.service(),
                    fault.code(), fault.subcode(), fault.detailCode(), fault.messageId(), fault.serviceMessage(),
                    fault.detailAttributes(), category == SoapFaultClassifier.Category.RETRYABLE_SERVICE_FAULT, null);
        };
    }

    private static String subcodeOrDetail(SoapFault f) {
        return f.subcode() != null ? f.subcode() : f.detailCode();
    }

    /**
     * Maps an HTTP error status whose body is not a SOAP fault.
     *
     * @param service   the service
     * @param messageId the request's message id
     * @param status    the HTTP status
     * @param cause     the cause, or {@code null}
     * @return the exception
     */
    public static TransportException fromHttpStatus(String service, String messageId, int status, Throwable cause) {
        boolean retryable = status == 502 || status == 503 || status == 504 || status == 429;
        String hint = switch (status) {
            case 401, 403 -> " (the server refused the request before any SOAP processing: check the client"
                    + " certificate and the endpoint)";
            case 404 -> " (wrong endpoint URL?)";
            case 502, 503, 504 -> " (service unavailable: retry later)";
            default -> "";
        };
        return new TransportException(service + " answered HTTP " + status + " without a SOAP fault" + hint,
                service, messageId, status, retryable, cause);
    }

    /**
     * @param t         what the transport threw
     * @param service   the service
     * @param messageId the request's message id
     * @param status    the HTTP status, or 0
     * @return a non-retryable TransportException when the failure is a response over the size limit, else
     *         {@code null}
     */
    public static TransportException tooLarge(Throwable t, String service, String messageId, int status) {
        LimitedInputStream.TooLarge big = find(t, LimitedInputStream.TooLarge.class);
        return big == null ? null : tooLarge(big.limit(), service, messageId, status, t);
    }

    static TransportException tooLarge(long limit, String service, String messageId, int status, Throwable cause) {
        return new TransportException(service + "'s response is larger than the limit of " + limit + " bytes"
                + " (SoapClient.Builder.maxResponseBytes): refused unread, the connection was dropped", service,
                messageId, status, false, cause);
    }

    /**
     * Maps a failure below the SOAP level.
     *
     * @param t         what the transport threw
     * @param service   the service
     * @param messageId the request's message id
     * @param endpoint  the endpoint, for the message
     * @param presentedClientCertificate whether the client has a TLS client identity
     * @return the exception
     */
    public static SegurException fromFailure(Throwable t, String service, String messageId, String endpoint,
                                             boolean presentedClientCertificate) {
        SSLException ssl = find(t, SSLException.class);
        if (ssl != null) {
            return fromTls(ssl, t, service, messageId, endpoint, presentedClientCertificate);
        }
        if (find(t, HttpConnectTimeoutException.class) != null) {
            return new TransportException("Timed out connecting to " + service + " at " + endpoint, service,
                    messageId, 0, true, t);
        }
        SocketTimeoutException ste = find(t, SocketTimeoutException.class);
        if (ste != null && String.valueOf(ste.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
            return new TransportException("Timed out connecting to " + service + " at " + endpoint, service,
                    messageId, 0, true, t);
        }
        if (ste != null || find(t, HttpTimeoutException.class) != null) {
            return new TransportException("Timed out waiting for " + service + "'s response at " + endpoint
                    + ": the request may have been processed; check before re-sending a non-idempotent call",
                    service, messageId, 0, true, t);
        }
        if (find(t, ConnectException.class) != null || find(t, NoRouteToHostException.class) != null) {
            return new TransportException("Cannot connect to " + service + " at " + endpoint + " (connection refused"
                    + " or unreachable)", service, messageId, 0, true, t);
        }
        if (find(t, UnknownHostException.class) != null) {
            return new TransportException("Unknown host for " + service + ": " + endpoint, service, messageId, 0,
                    false, t);
        }
        if (find(t, XMLStreamException.class) != null || find(t, org.xml.sax.SAXException.class) != null) {
            return new TransportException(service + " sent a response that is not well-formed SOAP", service,
                    messageId, 0, false, t);
        }
        if (find(t, java.io.IOException.class) != null || find(t, EOFException.class) != null) {
            return new TransportException("Connection to " + service + " failed during the exchange ("
                    + rootMessage(t) + "): the request may have been processed; check before re-sending a"
                    + " non-idempotent call", service, messageId, 0, true, t);
        }
        return new TransportException(service + " call failed: " + rootMessage(t), service, messageId, 0, false, t);
    }

    private static SegurException fromTls(SSLException ssl, Throwable t, String service, String messageId,
                                          String endpoint, boolean clientCert) {
        String msg = allMessages(t).toLowerCase(Locale.ROOT);
        if (msg.contains("received fatal alert")) {
            for (String alert : CLIENT_CERT_ALERTS) {
                if (msg.contains("received fatal alert: " + alert)) {
                    return new AuthenticationException(service + " refused the TLS client certificate (alert "
                            + alert + "): check the credential is the expected one, valid and issued by a CA the"
                            + " service trusts", service, null, null, messageId, t);
                }
            }
        }
        if (msg.contains("no subject alternative") || msg.contains("no name matching")
                || msg.contains("hostname") && msg.contains("match")) {
            return new TransportException("The certificate of " + service + " at " + endpoint
                    + " does not match the host name: wrong endpoint, or an interception proxy", service, messageId,
                    0, false, t);
        }
        if (find(t, CertificateException.class) != null || msg.contains("pkix") || msg.contains("certification path")
                || msg.contains("unable to find valid")) {
            return new TransportException("The certificate of " + service + " at " + endpoint
                    + " is not trusted: it does not chain to the configured trust anchors (TlsOptions.trustAnchors)",
                    service, messageId, 0, false, t);
        }
        boolean handshake = ssl instanceof SSLHandshakeException;
        if (handshake && clientCert && (msg.contains("broken pipe") || msg.contains("connection reset")
                || msg.contains("eofexception") || msg.contains("remote host terminated"))) {
            // Some servers drop the connection instead of sending an alert when they refuse the certificate.
            return new AuthenticationException(service + " aborted the TLS handshake after the client certificate"
                    + " was sent: it most likely refused the certificate (check the credential is the expected one,"
                    + " valid, and issued by a CA the service trusts)", service, null, null, messageId, t);
        }
        return new TransportException("TLS " + (handshake ? "handshake " : "") + "with " + service + " at " + endpoint
                + " failed: " + rootMessage(t), service, messageId, 0, false, t);
    }

    /**
     * @param t    a throwable
     * @param type the type looked for
     * @param <T>  the type
     * @return the first throwable of that type in the cause chain (suppressed ones included), or {@code null}
     */
    public static <T extends Throwable> T find(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            for (Throwable s : c.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
        }
        return null;
    }

    private static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }
}
