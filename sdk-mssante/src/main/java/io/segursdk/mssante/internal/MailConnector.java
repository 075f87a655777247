package io.segursdk.mssante.internal;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.TokenRefusedException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import javax.net.ssl.SSLContext;
import java.util.Properties;

/**
 * Opens authenticated SMTP and IMAP connections to the operator: a new Jakarta Mail session per connection (no
 * shared or default session), TLS from the client's options, XOAUTH2 or a client certificate.
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
        this.sockets = new ConfiguredSocketFactory(context.getSocketFactory(), tls.sslParameters(context));
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
        try {
            if (authentication.mechanism() == MssanteAuthentication.Mechanism.XOAUTH2) {
                AccessTokenSupplier tokens = authentication.tokens().orElseThrow();
                c.connect(host, port, mailbox, tokens.accessToken());
            } else if (MailErrors.SMTP.equals(serviceName)) {
                // No SASL on SMTP: the operator relays for the verified client certificate.
                c.connect(host, port, null, null);
            } else {
                // SASL EXTERNAL: the identity is the certificate; the user name is the mailbox.
                c.connect(host, port, mailbox, "");
            }
        } catch (AuthenticationFailedException e) {
            if (authentication.mechanism() == MssanteAuthentication.Mechanism.XOAUTH2) {
                authentication.tokens().orElseThrow().invalidate();
                String json = capture == null ? null : capture.serverError();
                throw new TokenRefusedException("the operator refused the access token"
                        + (json == null ? "" : ": " + json), serviceName, json, e);
            }
            throw MailErrors.transport(serviceName, e);
        } finally {
            if (capture != null) {
                capture.stop();
            }
        }
    }

    private String smtpProtocol() {
        return implicitTls ? "smtps" : "smtp";
    }

    private String imapProtocol() {
        return implicitTls ? "imaps" : "imap";
    }

    private SaslErrorCapture attachCapture(Session session) {
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
        p.put("mail.debug.auth", "true");
        if (smtp) {
            p.put(k + "from", mailbox);
            p.put(k + "localhost", "localhost");
            if (authentication.mechanism() == MssanteAuthentication.Mechanism.XOAUTH2) {
                p.put(k + "auth", "true");
                p.put(k + "auth.mechanisms", "XOAUTH2");
            } else {
                p.put(k + "auth", "false");
            }
        } else {
            if (authentication.mechanism() == MssanteAuthentication.Mechanism.XOAUTH2) {
                p.put(k + "auth.mechanisms", "XOAUTH2");
            } else {
                p.put(k + "sasl.enable", "true");
                p.put(k + "sasl.mechanisms", "EXTERNAL");
                p.put(k + "auth.mechanisms", "");
                p.put(k + "auth.plain.disable", "true");
                p.put(k + "auth.login.disable", "true");
                p.put(k + "auth.ntlm.disable", "true");
                p.put(k + "auth.xoauth2.disable", "true");
            }
        }
        Session session = Session.getInstance(p);
        SaslErrorCapture capture = smtp ? null : attachCapture(session);
        return new Prepared(session, capture);
    }
}
