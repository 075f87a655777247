package io.segursdk.mssante.internal;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An Angus IMAP store whose SASL login is SASL OAUTHBEARER (RFC 7628) done by the SDK itself, so no JVM-wide SASL
 * provider is needed. It is registered as the provider of one Jakarta Mail session only (see {@link MailConnector}),
 * with {@code mail.imap.sasl.enable}: Angus then calls {@link IMAPProtocol#sasllogin} on every new connection, the
 * store's and its folders', and this store's protocol answers with OAUTHBEARER. Nothing else of Angus changes.
 *
 * <p>Public only because Jakarta Mail instantiates providers by reflection.
 */
public final class OAuthBearerImapStore extends IMAPStore {

    private static final byte[] CRLF = {'\r', '\n'};

    private volatile String serverError;

    /**
     * Called by Jakarta Mail.
     *
     * @param session the session
     * @param url     the URL naming the protocol ({@code imap} or {@code imaps})
     */
    public OAuthBearerImapStore(Session session, URLName url) {
        super(session, url, isImaps(url) ? "imaps" : "imap", isImaps(url));
    }

    private static boolean isImaps(URLName url) {
        return url != null && "imaps".equalsIgnoreCase(url.getProtocol());
    }

    /** @return the JSON error of the last refused token, or {@code null} */
    String serverError() {
        return serverError;
    }

    @Override
    protected IMAPProtocol newIMAPProtocol(String host, int port) throws IOException, ProtocolException {
        // Same logger names as Angus's own store, so protocol traces stay where applications expect them.
        MailLogger angusLogger = new MailLogger(IMAPStore.class, "DEBUG IMAP", session.getDebug(),
                session.getDebugOut());
        return new BearerProtocol(name, host, port, session.getProperties(), isSSL, angusLogger);
    }

    /** The protocol: Angus's, with OAUTHBEARER as its SASL login. */
    private final class BearerProtocol extends IMAPProtocol {

        private final int port;
        private volatile boolean bearerAuthenticated;

        BearerProtocol(String name, String host, int port, java.util.Properties props, boolean ssl, MailLogger log)
                throws IOException, ProtocolException {
            super(name, host, port, props, ssl, log);
            this.port = port;
        }

        @Override
        public boolean isAuthenticated() {
            return bearerAuthenticated || super.isAuthenticated();
        }

        @Override
        public void sasllogin(String[] allowed, String realm, String authzid, String user, String token)
                throws ProtocolException {
            if (!hasCapability("AUTH=" + OAuthBearer.MECHANISM)) {
                throw new ProtocolException("the IMAP server does not offer SASL " + OAuthBearer.MECHANISM);
            }
            String response;
            try {
                response = OAuthBearer.clientResponse(authzid != null ? authzid : user, host, port, token);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(e.getMessage());
            }
            List<Response> responses = new ArrayList<>();
            Response r;
            boolean sent = false;
            try {
                String tag = writeCommand("AUTHENTICATE", new Argument().writeAtom(OAuthBearer.MECHANISM));
                OutputStream os = getOutputStream();
                while (true) {
                    r = readResponse();
                    responses.add(r);
                    if (r.isContinuation()) {
                        if (!sent) {
                            // The token never reaches a protocol trace.
                            suspendTracing();
                            try {
                                write(os, response);
                            } finally {
                                resumeTracing();
                            }
                            sent = true;
                        } else {
                            String error = OAuthBearer.serverError(r.getRest());
                            if (error != null) {
                                serverError = error;
                            }
                            write(os, OAuthBearer.DUMMY_RESPONSE);
                        }
                    } else if ((r.isTagged() && tag.equals(r.getTag())) || r.isBYE()) {
                        break;
                    }
                }
            } catch (Exception e) {
                r = Response.byeResponse(e);
                responses.add(r);
            }
            Response[] all = responses.toArray(new Response[0]);
            handleCapabilityResponse(all);
            notifyResponseHandlers(all);
            handleLoginResult(r);
            setCapabilities(r);
            bearerAuthenticated = true;
        }

        private void write(OutputStream os, String line) throws IOException {
            os.write(line.getBytes(StandardCharsets.US_ASCII));
            os.write(CRLF);
            os.flush();
        }
    }
}
