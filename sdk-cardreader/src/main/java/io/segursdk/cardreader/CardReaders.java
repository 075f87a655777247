package io.segursdk.cardreader;

import io.segursdk.cardreader.internal.PcscCardReaders;

import java.util.List;

/**
 * The smart-card readers of the workstation: which are there, whether a card is in each, and insertion and removal
 * events. Use it to react when the professional inserts or pulls their CPS (open the card, or close it and stop
 * signing); the card itself is then used through {@link Pkcs11Library}.
 *
 * <p>{@link #pcsc()} talks to the system's PC/SC service through {@code javax.smartcardio}; {@link InMemoryCardReaders}
 * lets tests insert and remove cards by hand. Implementations are thread-safe.
 */
public interface CardReaders {

    /**
     * The system's PC/SC readers.
     *
     * @return the readers
     * @throws PcscUnavailableException when the PC/SC library or service is missing (on Linux: packages
     *                                  {@code libpcsclite1} and {@code pcscd})
     */
    static CardReaders pcsc() {
        return PcscCardReaders.create();
    }

    /**
     * @return the names of the readers connected now
     * @throws PcscUnavailableException when the reader subsystem cannot be queried
     */
    List<String> readers();

    /**
     * @param reader a reader name, as listed by {@link #readers()}
     * @return whether a card is in that reader (false when the reader is not connected)
     * @throws PcscUnavailableException when the reader subsystem cannot be queried
     */
    boolean isCardPresent(String reader);

    /**
     * Starts watching: a background thread calls the listener first with {@link CardEvent.Type#INSERTED} for each
     * card already present, then on every insertion and removal.
     *
     * @param listener the listener
     * @return the running watcher; the caller must close it
     */
    CardWatcher watch(CardEventListener listener);
}
