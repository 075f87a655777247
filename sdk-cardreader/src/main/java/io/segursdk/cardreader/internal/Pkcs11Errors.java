package io.segursdk.cardreader.internal;

import io.segursdk.cardreader.CardBlockedException;
import io.segursdk.cardreader.CardRemovedException;
import io.segursdk.cardreader.WrongPinException;
import io.segursdk.core.error.AuthenticationException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;

import java.util.Map;
import java.util.Optional;

/**
 * Turns what SunPKCS11 and the native calls throw into the SDK's typed errors.
 *
 * <p>SunPKCS11 reports PKCS#11 return values through its internal {@code PKCS11Exception}, whose message is the
 * {@code CKR_*} name, wrapped in {@code LoginException}, {@code IOException}, {@code KeyStoreException} or
 * {@code ProviderException}; a token gone since the provider was configured gives a {@code ProviderException}
 * "Token has been removed". The cause chain is searched for these names, which are part of the PKCS#11 standard.
 */
public final class Pkcs11Errors {

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x0L, "CKR_OK"),
            Map.entry(0x3L, "CKR_SLOT_ID_INVALID"),
            Map.entry(0x5L, "CKR_GENERAL_ERROR"),
            Map.entry(0x30L, "CKR_DEVICE_ERROR"),
            Map.entry(0x32L, "CKR_DEVICE_REMOVED"),
            Map.entry(0xA0L, "CKR_PIN_INCORRECT"),
            Map.entry(0xA4L, "CKR_PIN_LOCKED"),
            Map.entry(0xB3L, "CKR_SESSION_HANDLE_INVALID"),
            Map.entry(0xE0L, "CKR_TOKEN_NOT_PRESENT"),
            Map.entry(0xE1L, "CKR_TOKEN_NOT_RECOGNIZED"),
            Map.entry(0x100L, "CKR_USER_ALREADY_LOGGED_IN"),
            Map.entry(0x101L, "CKR_USER_NOT_LOGGED_IN"),
            Map.entry(0x150L, "CKR_BUFFER_TOO_SMALL"),
            Map.entry(0x190L, "CKR_CRYPTOKI_NOT_INITIALIZED"),
            Map.entry(0x191L, "CKR_CRYPTOKI_ALREADY_INITIALIZED"));

    private Pkcs11Errors() {
    }

    /**
     * @param code a CK_RV
     * @return its standard name, or its hexadecimal value
     */
    public static String name(long code) {
        return NAMES.getOrDefault(code, "CKR_0x" + Long.toHexString(code).toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Translates a failure of a PKCS#11 operation.
     *
     * @param what       the operation, in plain words (for the message)
     * @param failure    what was thrown
     * @param tokenFlags the token's CK_TOKEN_INFO flags read after the failure, or empty when unknown
     * @return the typed exception to throw
     */
    public static SegurException translate(String what, Throwable failure, Optional<Long> tokenFlags) {
        if (failure instanceof SegurException) {
            return (SegurException) failure;
        }
        String code = pkcs11Code(failure);
        long flags = tokenFlags.orElse(0L);
        if ("CKR_PIN_LOCKED".equals(code) || (flags & Pkcs11Native.CKF_USER_PIN_LOCKED) != 0) {
            return new CardBlockedException(what + " failed: the card's PIN is blocked after too many wrong PINs;"
                    + " unblock it with its PUK (CPS-Gestion)", failure);
        }
        if ("CKR_PIN_INCORRECT".equals(code) || "CKR_PIN_LEN_RANGE".equals(code)) {
            boolean finalTry = (flags & Pkcs11Native.CKF_USER_PIN_FINAL_TRY) != 0;
            boolean countLow = (flags & Pkcs11Native.CKF_USER_PIN_COUNT_LOW) != 0;
            return new WrongPinException(what + " failed: wrong PIN"
                    + (finalTry ? "; one more wrong PIN will block the card" : ""),
                    finalTry ? Integer.valueOf(1) : null, countLow, failure);
        }
        if (removed(code, failure)) {
            return new CardRemovedException(what + " failed: the card was removed from its reader ("
                    + (code != null ? code : "token removed") + ")", failure);
        }
        if (code != null && code.startsWith("CKR_USER_NOT_LOGGED_IN")) {
            return new AuthenticationException(what + " failed: the card is not logged in (" + code + ")", failure);
        }
        return new TransportException(what + " failed: " + describe(failure), "PKCS#11", null, 0, false, failure);
    }

    private static boolean removed(String code, Throwable failure) {
        if ("CKR_DEVICE_REMOVED".equals(code) || "CKR_TOKEN_NOT_PRESENT".equals(code)
                || "CKR_SESSION_HANDLE_INVALID".equals(code) || "CKR_DEVICE_ERROR".equals(code)
                || "CKR_TOKEN_NOT_RECOGNIZED".equals(code)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Token has been removed") || m.contains("Token not present"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param failure what was thrown
     * @return the first {@code CKR_*} name found in the cause chain, or {@code null}
     */
    public static String pkcs11Code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Pkcs11Native.Pkcs11CallException) {
                return name(((Pkcs11Native.Pkcs11CallException) t).code());
            }
            String m = t.getMessage();
            if (m != null) {
                int at = m.indexOf("CKR_");
                if (at >= 0) {
                    int end = at + 4;
                    while (end < m.length() && (Character.isUpperCase(m.charAt(end)) || m.charAt(end) == '_'
                            || Character.isDigit(m.charAt(end)))) {
                        end++;
                    }
                    return m.substring(at, end);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        String code = pkcs11Code(failure);
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return code == null || message.contains(code) ? message : message + " (" + code + ")";
    }
}
