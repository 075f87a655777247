package io.segursdk.mssante.internal;

import io.segursdk.core.error.AccessDeniedException;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import javax.net.ssl.SSLException;
import java.util.regex.Pattern;

/** Maps Jakarta Mail failures to the SDK's exceptions, with server texts stripped of addresses (patient data). */
public final class MailErrors {

    /** The service name for SMTP errors. */
    public static final String SMTP = "MSSANTE-SMTP";
    /** The service name for IMAP errors. */
    public static final String IMAP = "MSSANTE-IMAP";

    private static final Pattern ADDRESS = Pattern.compile("<?[^\\s<>@]+@[^\\s<>@]+>?");
    private static final Pattern ENHANCED = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private MailErrors() {
    }

    /**
     * @param text a server reply
     * @return the text with every address replaced by {@code <address>}
     */
    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        return ADDRESS.matcher(text.strip()).replaceAll("<address>");
    }

    /**
     * Maps a sending failure.
     *
     * @param e the failure
     * @return the SDK exception
     */
    public static SegurException sending(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return refusal("the operator refused a recipient", a.getReturnCode(), a.getMessage(), e);
            }
            if (x instanceof SMTPSenderFailedException s) {
                return refusal("the operator refused the sender", s.getReturnCode(), s.getMessage(), e);
            }
            if (x instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                return refusal("the operator refused the message", s.getReturnCode(), s.getMessage(), e);
            }
        }
        if (e instanceof SendFailedException f && serverReplyCode(e) <= 0
                && (f.getInvalidAddresses() == null || f.getInvalidAddresses().length == 0)) {
            // no reply from the server (the connection closed while waiting for it): not a refusal
            return new TransportException("the connection to the operator failed before its reply: "
                    + redact(e.getMessage()), SMTP, null, 0, true, e);
        }
        if (e instanceof SendFailedException) {
            return new AccessDeniedException("the operator refused the message: " + redact(e.getMessage()), SMTP,
                    null, null, null, e);
        }
        return transport(SMTP, e);
    }

    /**
     * The SMTP reply code the server gave to the failing command, if it gave one.
     *
     * @param e a sending failure
     * @return the reply code (4xx or 5xx), or 0 when the server did not answer (connection lost, time out)
     */
    public static int serverReplyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = 0;
            if (x instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
            } else if (x instanceof SMTPSenderFailedException s) {
                code = s.getReturnCode();
            } else if (x instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
            }
            if (code >= 400) {
                return code;
            }
        }
        return 0;
    }

    /**
     * Maps a connection failure (not authentication).
     *
     * @param service {@link #SMTP} or {@link #IMAP}
     * @param e       the failure
     * @return the SDK exception
     */
    public static SegurException transport(String service, MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new AuthenticationException("the operator refused the authentication: " + redact(e.getMessage()),
                    service, null, null, null, e);
        }
        Throwable c = e.getCause();
        boolean tls = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                tls = true;
            }
        }
        String what = tls ? "TLS with the operator failed" : "the operator could not be reached or answered badly";
        return new TransportException(what + ": " + redact(c != null ? c.getMessage() : e.getMessage()), service,
                null, 0, !tls, e);
    }

    /**
     * Maps a failure to an invalid request when the message could not be built.
     *
     * @param field the field
     * @param e     the failure
     * @return the exception
     */
    public static InvalidRequestException invalid(String field, Exception e) {
        return InvalidRequestException.of(field, "cannot build the message: " + redact(e.getMessage()));
    }

    private static SegurException refusal(String what, int code, String text, MessagingException e) {
        String t = redact(text);
        java.util.regex.Matcher m = ENHANCED.matcher(t);
        String enhanced = m.find() ? m.group(1) : null;
        String c = code > 0 ? Integer.toString(code) : null;
        if (code >= 500 && (enhanced == null || enhanced.startsWith("5.7"))) {
            return new AccessDeniedException(what + ": " + t, SMTP, c, enhanced, null, e);
        }
        return new TransportException(what + ": " + t, SMTP, null, 0, code >= 400 && code < 500, e);
    }
}
