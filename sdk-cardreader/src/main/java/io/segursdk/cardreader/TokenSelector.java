package io.segursdk.cardreader;

import java.util.Objects;

/**
 * Which token (card) of a PKCS#11 library to open: by token label, by slot id, or the first slot holding a card.
 *
 * <p>With the Cryptolib CPS, each PC/SC reader is a slot and the card's label is its token label. Slot ids are stable
 * while the reader stays plugged in; labels follow the card. Immutable.
 */
public final class TokenSelector {

    private final String label;
    private final Long slotId;

    private TokenSelector(String label, Long slotId) {
        this.label = label;
        this.slotId = slotId;
    }

    /**
     * @param label the token label, compared exactly after trimming the blank padding PKCS#11 adds
     * @return a selector of the slot whose token has this label
     */
    public static TokenSelector label(String label) {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        return new TokenSelector(label.strip(), null);
    }

    /**
     * @param slotId the PKCS#11 slot id, as listed by {@link Pkcs11Library#slots()}
     * @return a selector of that slot
     */
    public static TokenSelector slot(long slotId) {
        if (slotId < 0) {
            throw new IllegalArgumentException("slotId must not be negative");
        }
        return new TokenSelector(null, slotId);
    }

    /** @return a selector of the first slot, in the library's order, that holds a token */
    public static TokenSelector firstPresent() {
        return new TokenSelector(null, null);
    }

    /**
     * @param slot a slot
     * @return whether this selector chooses it (a slot without a token never matches)
     */
    public boolean matches(Pkcs11Slot slot) {
        if (!slot.tokenPresent()) {
            return false;
        }
        if (label != null) {
            return slot.tokenLabel().map(label::equals).orElse(false);
        }
        return slotId == null || slotId == slot.slotId();
    }

    @Override
    public String toString() {
        return label != null ? "token labelled '" + label + "'" : slotId != null ? "slot " + slotId : "first token present";
    }
}
