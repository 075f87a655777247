package io.segursdk.cardreader;

import java.util.Optional;

/**
 * One slot of a PKCS#11 library (with the Cryptolib CPS: one card reader) and the token (card) in it, if any.
 *
 * @param slotId                    the PKCS#11 slot id
 * @param description               the slot description (the reader's name)
 * @param tokenPresent              whether a token is in the slot
 * @param tokenLabel                the token label, when a token is present
 * @param tokenSerial               the token serial number, when a token is present
 * @param protectedAuthenticationPath whether the PIN is entered on the reader's own PIN pad
 * @param pinLocked                 whether the token reports its user PIN blocked
 * @param pinFinalTry               whether the token reports that one more wrong PIN blocks it
 */
public record Pkcs11Slot(long slotId, String description, boolean tokenPresent, Optional<String> tokenLabel,
                         Optional<String> tokenSerial, boolean protectedAuthenticationPath, boolean pinLocked,
                         boolean pinFinalTry) {
}
