package io.segursdk.cardreader;

import java.util.Objects;

/**
 * A card was inserted into or removed from a reader.
 *
 * @param type   what happened
 * @param reader the reader's name
 */
public record CardEvent(Type type, String reader) {

    /** What happened. */
    public enum Type {
        /** A card is now in the reader (also sent once per card already present when watching starts). */
        INSERTED,
        /** The card left the reader, or the reader holding it was unplugged. */
        REMOVED
    }

    /**
     * Checks the fields.
     *
     * @param type   type
     * @param reader reader
     */
    public CardEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reader, "reader");
    }
}
