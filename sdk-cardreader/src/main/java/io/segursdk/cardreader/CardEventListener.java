package io.segursdk.cardreader;

/**
 * Receives card insertions and removals, on the watcher's own thread, one at a time, in order. Keep it short (hand
 * work over to your own executor); an exception it throws is logged and does not stop the watcher.
 */
@FunctionalInterface
public interface CardEventListener {

    /**
     * @param event what happened
     */
    void onEvent(CardEvent event);
}
