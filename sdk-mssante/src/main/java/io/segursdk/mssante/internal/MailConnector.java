package io.segursdk.mssante.internal;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.TokenRefusedException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.util.Arrays;
import java.util.Set;
import java.util.Properties;

/**
 * Opens authenticated SMTP and IMAP connections to the operator: a new Jakarta Mail session per connection (no
 * shared or default session), TLS from the client's options, an access token (XOAUTH2 or OAUTHBEARER) or a client
 * certificate.
 */
public final class MailConnector {

    private final String mailbox;
    private final String smtpHost;
    private final int smtpPort;
    private final String imapHost;
    private final int imapPort;
    private final boolean implicitTls;
    private final MssanteAuthentication authentication;
    private final Timeouts timeouts;
    private final ConfiguredSocketFactory sockets;

    /**
     * @param mailbox        the mailbox address
     * @param smtpHost       SMTP host
     * @param smtpPort       SMTP port
     * @param imapHost       IMAP host
     * @param imapPort       IMAP port
     * @param implicitTls    implicit TLS instead of STARTTLS
     * @param tls            TLS options
     * @param authentication the authentication
     * @param timeouts       the timeouts
     */
    public MailConnector(String mailbox, String smtpHost, int smtpPort, String imapHost, int imapPort,
                         boolean implicitTls, TlsOptions tls, MssanteAuthentication authentication, Timeouts timeouts) {
        this.mailbox = mailbox;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.imapHost = imapHost;
        this.imapPort = imapPort;
        this.implicitTls = implicitTls;
        this.authentication = authentication;
        this.timeouts = timeouts;
        SSLContext context = tls.sslContext(authentication.credential().orElse(null));
        this.sockets = new ConfiguredSocketFactory(context.getSocketFactory(), mssanteParameters(tls, context));
    }

    /**
     * The TLS 1.2 suites the MSSanté client referential allows (ECO.1.1.3): the ANS list shared with the DMP also holds
     * ECDHE-RSA with ChaCha20, which the MSSanté list does not. TLS 1.3 suites stay.
     */
    static final Set<String> MSSANTE_TLS12_SUITES = Set.of(
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");

    private static SSLParameters mssanteParameters(TlsOptions tls, SSLContext context) {
        SSLParameters parameters = tls.sslParameters(context);
        if (tls.ansCipherSuitesOnly() && TlsOptions.ANS_CIPHER_SUITES.equals(tls.cipherSuites())) {
            parameters.setCipherSuites(Arrays.stream(parameters.getCipherSuites())
                    .filter(s -> !s.startsWith("TLS_ECDHE_") || MSSANTE_TLS12_SUITES.contains(s))
                    .toArray(String[]::new));
        }
        return parameters;
    }

    /** An open session and the capture watching its authentication. */
    private static final class Prepared {
        final Session session;
        final SaslErrorCapture capture;

        Prepared(Session session, SaslErrorCapture capture) {
            this.session = session;
            this.capture = capture;
        }
    }

    /**
     * A session for building messages (no connection).
     *
     * @return the session
     */
    public Session smtpSession() {
        return prepare(smtpProtocol(), smtpHost, smtpPort, true).session;
    }

    /**
     * Opens and authenticates an SMTP transport.
     *
     * @param session a session from {@link #smtpSession()}
     * @return the connected transport; close it
     * @throws SegurException when the connection or the authentication fails
     */
    public Transport openSmtp(Session session) {
        SaslErrorCapture capture = attachCapture(session);
        try {
            Transport t = session.getTransport(smtpProtocol());
            connect(t, smtpHost, smtpPort, MailErrors.SMTP, capture);
            return t;
        } catch (MessagingException e) {
            throw MailErrors.transport(MailErrors.SMTP, e);
        }
    }

    /**
     * Opens and authenticates an IMAP store.
     *
     * @return the connected store; close it
     * @throws SegurException when the connection or the authentication fails
     */
    public Store openImap() {
        Prepared p = prepare(imapProtocol(), imapHost, imapPort, false);
        try {
            Store s = p.session.getStore(imapProtocol());
            connect(s, imapHost, imapPort, MailErrors.IMAP, p.capture);
            return s;
        } catch (MessagingException e) {
            throw MailErrors.transport(MailErrors.IMAP, e);
        }
    }

    private interface Connectable {
        void connect(String host, int port, String user, String password) throws MessagingException;
    }

    private void connect(jakarta.mail.Service service, String host, int port, String serviceName,
                         SaslErrorCapture capture) throws MessagingException {
        Connectable c = service::connect;
        MssanteAuthentication.Mechanism mechanism = authentication.mechanism();
        String[] bearerError = new String[1];
        try {
            if (mechanism == MssanteAuthentication.Mechanism.XOAUTH2) {
                AccessTokenSupplier tokens = authentication.tokens().orElseThrow();
                c.connect(host, port, mailbox, tokens.accessToken());
            } else if (mechanism == MssanteAuthentication.Mechanism.OAUTHBEARER) {
                AccessTokenSupplier tokens = authentication.tokens().orElseThrow();
                if (service instanceof SMTPTransport smtp) {
                    // Connected (STARTTLS done) without authentication, then the SDK's own AUTH exchange; the
                    // transport is closed if it fails, before anything else is sent.
                    c.connect(host, port, null, null);
                    try {
                        OAuthBearer.authenticateSmtp(smtp, mailbox, host, port, tokens.accessToken(), bearerError);
                    } catch (MessagingException | RuntimeException e) {
                        closeQuietly(service);
                        throw e;
                    }
                } else {
                    c.connect(host, port, mailbox, tokens.accessToken());
                }
            } else if (MailErrors.SMTP.equals(serviceName)) {
                // No SASL on SMTP: the operator relays for the verified client certificate.
                c.connect(host, port, null, null);
            } else {
                // SASL EXTERNAL: the identity is the certificate; the user name is the mailbox.
                c.connect(host, port, mailbox, "");
            }
        } catch (MessagingException e) {
            if (!authentication.usesAccessToken()) {
                throw e;
            }
            String json = bearerError[0];
            if (json == null && service instanceof OAuthBearerImapStore store) {
                json = store.serverError();
            }
            if (json == null && capture != null) {
                json = capture.serverError();
            }
            if (!(e instanceof AuthenticationFailedException) && json == null) {
                throw e;
            }
            if (json == null && temporaryRefusal(e.getMessage())) {
                // The token was fine: the operator turned the session away for now (too many connections).
                throw new io.segursdk.core.error.TransportException("the operator turned the connection away for now: "
                        + MailErrors.redact(e.getMessage()), serviceName, null, 0, true, e);
            }
            authentication.tokens().orElseThrow().invalidate();
            throw new TokenRefusedException("the operator refused the access token"
                    + (json == null ? "" : ": " + json), serviceName, json, e);
        } finally {
            if (capture != null) {
                capture.stop();
            }
        }
    }

    /**
     * A refusal that says nothing about the token: IMAP's temporary response codes (RFC 5530 {@code [LIMIT]},
     * {@code [UNAVAILABLE]}, {@code [INUSE]}) or Dovecot's connection limit per user and address.
     */
    static boolean temporaryRefusal(String serverText) {
        if (serverText == null) {
            return false;
        }
        String t = serverText.toUpperCase(java.util.Locale.ROOT);
        return t.contains("[LIMIT]") || t.contains("[UNAVAILABLE]") || t.contains("[INUSE]")
                || t.contains("MAXIMUM NUMBER OF CONNECTIONS");
    }

    private static void closeQuietly(jakarta.mail.Service service) {
        try {
            service.close();
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is being abandoned
        }
    }

    private String smtpProtocol() {
        return implicitTls ? "smtps" : "smtp";
    }

    private String imapProtocol() {
        return implicitTls ? "imaps" : "imap";
    }

    private SaslErrorCapture attachCapture(Session session) {
        // OAUTHBEARER reads the server's error itself: only XOAUTH2 (done by Angus) needs the trace.
        if (authentication.mechanism() != MssanteAuthentication.Mechanism.XOAUTH2) {
            return null;
        }
        SaslErrorCapture capture = new SaslErrorCapture();
        session.setDebugOut(capture.printStream());
        session.setDebug(true);
        return capture;
    }

    private Prepared prepare(String protocol, String host, int port, boolean smtp) {
        Properties p = new Properties();
        String k = "mail." + protocol + ".";
        p.put(k + "host", host);
        p.put(k + "port", Integer.toString(port));
        p.put(k + "connectiontimeout", Long.toString(timeouts.connect().toMillis()));
        p.put(k + "timeout", Long.toString(timeouts.read().toMillis()));
        p.put(k + "writetimeout", Long.toString(timeouts.read().toMillis()));
        p.put(k + "ssl.socketFactory", sockets);
        p.put(k + "ssl.checkserveridentity", "true");
        if (!implicitTls) {
            p.put(k + "starttls.enable", "true");
            p.put(k + "starttls.required", "true");
        } else {
            p.put(k + "ssl.enable", "true");
        }
        MssanteAuthentication.Mechanism mechanism = authentication.mechanism();
        if (mechanism == MssanteAuthentication.Mechanism.XOAUTH2) {
            // The capture reads XOAUTH2's error challenge from the trace (and drops every other line).
            p.put("mail.debug.auth", "true");
        }
        if (smtp) {
            p.put(k + "from", mailbox);
            p.put(k + "localhost", "localhost");
            if (mechanism == MssanteAuthentication.Mechanism.XOAUTH2) {
                p.put(k + "auth", "true");
                p.put(k + "auth.mechanisms", "XOAUTH2");
            } else {
                // Certificate relay, or OAUTHBEARER done by the connector after the connection.
                p.put(k + "auth", "false");
            }
        } else {
            if (mechanism == MssanteAuthentication.Mechanism.XOAUTH2) {
                p.put(k + "auth.mechanisms", "XOAUTH2");
            } else {
                p.put(k + "sasl.enable", "true");
                p.put(k + "sasl.mechanisms", mechanism == MssanteAuthentication.Mechanism.OAUTHBEARER
                        ? OAuthBearer.MECHANISM : "EXTERNAL");
                if (mechanism == MssanteAuthentication.Mechanism.OAUTHBEARER) {
                    p.put(k + "sasl.authorizationid", mailbox);
                }
                p.put(k + "auth.mechanisms", "");
                p.put(k + "auth.plain.disable", "true");
                p.put(k + "auth.login.disable", "true");
                p.put(k + "auth.ntlm.disable", "true");
                p.put(k + "auth.xoauth2.disable", "true");
            }
        }
        Session session = Session.getInstance(p);
        if (!smtp && mechanism == MssanteAuthentication.Mechanism.OAUTHBEARER) {
            // This session only: its IMAP store logs in with the SDK's OAUTHBEARER (no JVM-wide SASL provider).
            Provider provider = new Provider(Provider.Type.STORE, protocol, OAuthBearerImapStore.class.getName(),
                    "segur-sdk", "1");
            try {
                session.setProvider(provider);
            } catch (NoSuchProviderException e) {
                throw new IllegalStateException("cannot register the OAUTHBEARER IMAP store", e);
            }
        }
        SaslErrorCapture capture = smtp ? null : attachCapture(session);
        return new Prepared(session, capture);
    }
}
