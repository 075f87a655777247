package io.segursdk.cardreader;

import io.segursdk.core.error.TransportException;

/**
 * PC/SC cannot be used: the PC/SC library is absent (on Linux, {@code libpcsclite.so.1} from the {@code libpcsclite1}
 * package), its service is not running ({@code pcscd} on Linux, "Smart Card" on Windows), or the reader subsystem
 * failed. PKCS#11 access through the Cryptolib CPS does not need this; only {@link CardReaders#pcsc()} does.
 */
public final class PcscUnavailableException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message description
     * @param cause   the cause, or {@code null}
     */
    public PcscUnavailableException(String message, Throwable cause) {
        super(message, "PC/SC", null, 0, false, cause);
    }
}
