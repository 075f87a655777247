package io.segursdk.ins;

/**
 * What to do when an INS key does not match its number.
 *
 * <p>{@link #STRICT} is the default everywhere. {@link #LENIENT} exists for INS values received from the INSi
 * service itself: some conformity-test responses carry keys that do not satisfy the modulo-97 rule, and a vendor may
 * choose to store such a value (flagged by {@link Ins#hasValidKey()}) rather than fail.
 */
public enum KeyCheck {
    /** A key that does not match the number is a violation. */
    STRICT,
    /** A key that does not match the number is accepted; {@link Ins#hasValidKey()} then returns {@code false}. */
    LENIENT
}
