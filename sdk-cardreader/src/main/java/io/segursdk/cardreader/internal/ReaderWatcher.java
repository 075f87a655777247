package io.segursdk.cardreader.internal;

import io.segursdk.cardreader.CardEvent;
import io.segursdk.cardreader.CardEventListener;
import io.segursdk.cardreader.CardWatcher;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread behind every {@link CardWatcher}: compares successive snapshots of "reader → card present"
 * and reports the differences.
 */
public final class ReaderWatcher implements CardWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderWatcher.class);
    private static final AtomicLong THREADS = new AtomicLong();

    /** Where the states come from. */
    public interface Source {
        /** @return each connected reader and whether a card is in it */
        Map<String, Boolean> snapshot();

        /**
         * Blocks until something may have changed, or the timeout passed.
         *
         * @param timeoutMillis the longest wait
         * @throws InterruptedException when the watcher is closed
         */
        void awaitChange(long timeoutMillis) throws InterruptedException;
    }

    private final Source source;
    private final CardEventListener listener;
    private final Thread thread;
    private volatile boolean running = true;

    private ReaderWatcher(Source source, CardEventListener listener) {
        this.source = source;
        this.listener = listener;
        this.thread = new Thread(this::run, "segur-card-watcher-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /**
     * @param source   the states
     * @param listener the listener
     * @return the started watcher
     */
    public static ReaderWatcher start(Source source, CardEventListener listener) {
        ReaderWatcher w = new ReaderWatcher(source, java.util.Objects.requireNonNull(listener, "listener"));
        w.thread.start();
        return w;
    }

    private void run() {
        Map<String, Boolean> previous = new HashMap<>();
        while (running) {
            try {
                Map<String, Boolean> now = source.snapshot();
                for (Map.Entry<String, Boolean> e : now.entrySet()) {
                    boolean before = previous.getOrDefault(e.getKey(), false);
                    if (e.getValue() && !before) {
                        fire(new CardEvent(CardEvent.Type.INSERTED, e.getKey()));
                    } else if (!e.getValue() && before) {
                        fire(new CardEvent(CardEvent.Type.REMOVED, e.getKey()));
                    }
                }
                for (Map.Entry<String, Boolean> e : previous.entrySet()) {
                    if (e.getValue() && !now.containsKey(e.getKey())) {
                        fire(new CardEvent(CardEvent.Type.REMOVED, e.getKey()));
                    }
                }
                previous = now;
                source.awaitChange(1000);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("Card reader watch: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
    }

    private void fire(CardEvent event) {
        if (!running) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("Card event listener failed on {}: {}", event.type(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
