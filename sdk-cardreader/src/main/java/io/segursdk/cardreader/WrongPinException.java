package io.segursdk.cardreader;

import io.segursdk.core.error.AuthenticationException;

import java.util.OptionalInt;

/**
 * The card refused the PIN ({@code CKR_PIN_INCORRECT}). Ask the professional again; do not retry the same PIN.
 *
 * <p>PKCS#11 does not give the number of tries left, only flags on the token. {@link #triesLeft()} is therefore
 * {@code 1} when the token says the next wrong PIN blocks it ({@code CKF_USER_PIN_FINAL_TRY}), and empty otherwise;
 * {@link #countLow()} tells that at least one wrong PIN was entered ({@code CKF_USER_PIN_COUNT_LOW}). Tokens that do
 * not maintain these flags (SoftHSM2, some middleware) leave both empty or false. A CPS is blocked after three wrong
 * PINs and is then unblocked with its PUK through CPS-Gestion.
 */
public final class WrongPinException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final Integer triesLeft;
    private final boolean countLow;

    /**
     * @param message   description
     * @param triesLeft tries left when the token tells, or {@code null}
     * @param countLow  whether the token flags a low try count
     * @param cause     the cause
     */
    public WrongPinException(String message, Integer triesLeft, boolean countLow, Throwable cause) {
        super(message, "PKCS#11", "CKR_PIN_INCORRECT", null, null, cause);
        this.triesLeft = triesLeft;
        this.countLow = countLow;
    }

    /** @return the tries left before the card blocks, when the token tells (only the final try is ever known) */
    public OptionalInt triesLeft() {
        return triesLeft == null ? OptionalInt.empty() : OptionalInt.of(triesLeft);
    }

    /** @return whether the token reports that wrong PINs were entered since the last successful login */
    public boolean countLow() {
        return countLow;
    }
}
