package io.segursdk.mssante;

import io.segursdk.core.error.AuthenticationException;

import java.util.Optional;

/**
 * The operator refused the access token (expired, revoked, forged, from another issuer, for another audience or
 * another mailbox). Carries the error the server sent in the SASL exchange, decoded, whole: XOAUTH2 answers a base64
 * JSON object such as {@code {"status":"401","schemes":"bearer","scope":"mail"}}, OAUTHBEARER (RFC 7628) one such
 * as {@code {"status":"invalid_token","scope":"mail","openid-configuration":"https://..."}}; {@link #code()} is its
 * {@code status}. The token supplier has been told
 * ({@code invalidate()}); ask the professional to log in again if a fresh token is refused too.
 */
public class TokenRefusedException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final String serverError;

    /**
     * @param message     description
     * @param service     {@code "MSSANTE-SMTP"} or {@code "MSSANTE-IMAP"}
     * @param serverError the decoded JSON error, or {@code null} when the server sent none
     * @param cause       the cause, or {@code null}
     */
    public TokenRefusedException(String message, String service, String serverError, Throwable cause) {
        super(message, service, serverError == null ? null : statusOf(serverError), null, null, cause);
        this.serverError = serverError;
    }

    /** @return the server's JSON error, decoded from base64, when it sent one */
    public Optional<String> serverError() {
        return Optional.ofNullable(serverError);
    }

    private static String statusOf(String json) {
        int i = json.indexOf("\"status\"");
        if (i < 0) {
            return null;
        }
        int colon = json.indexOf(':', i);
        int q1 = json.indexOf('"', colon + 1);
        int q2 = q1 < 0 ? -1 : json.indexOf('"', q1 + 1);
        return q1 > 0 && q2 > q1 ? json.substring(q1 + 1, q2) : null;
    }
}
