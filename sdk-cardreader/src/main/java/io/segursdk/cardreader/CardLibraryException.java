package io.segursdk.cardreader;

import io.segursdk.core.error.TransportException;

import java.nio.file.Path;

/**
 * The PKCS#11 library (the Cryptolib CPS) is missing or cannot be used: the file does not exist (checked before
 * anything is loaded), it is not a library for this platform (a 32-bit DLL in a 64-bit JVM, for example), or it
 * failed to initialise. Install the Cryptolib CPS, or give its path with {@link Pkcs11Library#at(Path)}.
 */
public final class CardLibraryException extends TransportException {

    private static final long serialVersionUID = 1L;

    private final transient Path library;

    /**
     * @param message description
     * @param library the library path
     * @param cause   the cause, or {@code null}
     */
    public CardLibraryException(String message, Path library, Throwable cause) {
        super(message, "PKCS#11", null, 0, false, cause);
        this.library = library;
    }

    /** @return the library path that was tried */
    public Path library() {
        return library;
    }
}
