package io.segursdk.mssante.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * SASL OAUTHBEARER (RFC 7628), client side, without any JVM-wide SASL provider: the client's message, the server's
 * error challenge, and the SMTP exchange (RFC 4954) over a connected Angus transport. The IMAP exchange lives in
 * {@link OAuthBearerImapStore}.
 *
 * <p>The client's message is sent as a response to an empty challenge, never as an initial response on the command
 * line: Pro Santé Connect tokens are long, and command lines are more tightly limited than SASL responses on some
 * servers. When the server refuses the token it answers a challenge holding a base64 JSON error; the client answers
 * the single byte {@code %x01} as RFC 7628 section 3.2.3 asks, and the server then fails the exchange.
 */
public final class OAuthBearer {

    /** The SASL mechanism name. */
    public static final String MECHANISM = "OAUTHBEARER";

    /** The base64 form of the {@code %x01} response that ends a refused exchange. */
    static final String DUMMY_RESPONSE = Base64.getEncoder().encodeToString(new byte[] {1});

    private static final int MAX_ERROR = 2048;

    private OAuthBearer() {
    }

    /**
     * The client's first message, base64 encoded: the GS2 header carrying the authorization identity, then the host,
     * port and bearer token key/value pairs, each ended by {@code %x01}.
     *
     * @param authzid the authorization identity (the mailbox address)
     * @param host    the server host name the client connected to
     * @param port    the server port
     * @param token   the access token
     * @return the base64 encoded client response
     */
    public static String clientResponse(String authzid, String host, int port, String token) {
        if (token == null || token.isEmpty() || token.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            // RFC 6750 b64token: printable ASCII only; anything else would break the key/value framing.
            throw new IllegalArgumentException("the access token is empty or holds characters a bearer token cannot");
        }
        String message = "n,a=" + saslName(authzid) + ","
                + "\u0001host=" + host
                + "\u0001port=" + port
                + "\u0001auth=Bearer " + token
                + "\u0001\u0001";
        return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 5801 saslname: {@code ,} and {@code =} escaped as {@code =2C} and {@code =3D}.
     *
     * @param authzid the identity
     * @return the escaped form
     */
    static String saslName(String authzid) {
        StringBuilder b = new StringBuilder(authzid.length() + 8);
        for (int i = 0; i < authzid.length(); i++) {
            char c = authzid.charAt(i);
            if (c == ',') {
                b.append("=2C");
            } else if (c == '=') {
                b.append("=3D");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Decodes a server challenge received after the client's message: RFC 7628 servers put their JSON error there.
     *
     * @param challenge the base64 challenge (may be empty or {@code null})
     * @return the JSON error, or {@code null} when the challenge holds none
     */
    public static String serverError(String challenge) {
        if (challenge == null || challenge.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(challenge.strip()), StandardCharsets.UTF_8).strip();
            if (decoded.startsWith("{") && decoded.endsWith("}") && decoded.length() <= MAX_ERROR) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // not base64: no error to report
        }
        return null;
    }

    /**
     * Authenticates a transport connected without authentication. On failure the transport is left to the caller to
     * close; nothing but the AUTH exchange has been sent.
     *
     * @param transport the connected transport
     * @param authzid   the mailbox address
     * @param host      the server host name
     * @param port      the server port
     * @param token     the access token
     * @param error     receives the server's JSON error when it refuses the token
     * @throws AuthenticationFailedException when the server refuses the token
     * @throws MessagingException            when the server does not offer OAUTHBEARER or the exchange breaks
     */
    static void authenticateSmtp(SMTPTransport transport, String authzid, String host, int port, String token,
                                 String[] error) throws MessagingException {
        String offered = transport.getExtensionParameter("AUTH");
        if (offered == null || !(" " + offered.toUpperCase(Locale.ROOT) + " ").contains(" " + MECHANISM + " ")) {
            throw new MessagingException("the SMTP server does not offer SASL " + MECHANISM);
        }
        int code = transport.simpleCommand("AUTH " + MECHANISM);
        if (code != 334) {
            throw new MessagingException("the SMTP server did not start " + MECHANISM + " (" + code + ")");
        }
        code = transport.simpleCommand(clientResponse(authzid, host, port, token));
        if (code == 235) {
            return;
        }
        if (code == 334) {
            error[0] = serverError(challengeOf(transport.getLastServerResponse()));
            transport.simpleCommand(DUMMY_RESPONSE);
        }
        throw new AuthenticationFailedException(MailErrors.redact(transport.getLastServerResponse()));
    }

    private static String challengeOf(String reply) {
        if (reply == null || reply.length() < 4) {
            return null;
        }
        return reply.substring(4).strip();
    }
}
