package io.segursdk.cardreader;

/**
 * A running watch over card readers ({@link CardReaders#watch(CardEventListener)}): a background thread that calls
 * the listener on each change. Close it to stop the thread; closing is idempotent and waits for the thread to end.
 */
public interface CardWatcher extends AutoCloseable {

    /** Stops watching. No event is delivered once this returns. */
    @Override
    void close();
}
