package io.segursdk.cardreader;

import io.segursdk.cardreader.internal.ReaderWatcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link CardReaders} held in memory, for tests: plug readers and insert or remove cards by hand, and watchers see
 * the events as with real readers. Thread-safe.
 *
 * <pre>{@code
 * InMemoryCardReaders readers = new InMemoryCardReaders();
 * readers.connect("Reader 1");
 * readers.insertCard("Reader 1");
 * }</pre>
 */
public final class InMemoryCardReaders implements CardReaders {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Boolean> readers = new LinkedHashMap<>();
    private long version;

    /** Creates a set with no reader. */
    public InMemoryCardReaders() {
        // nothing plugged in yet
    }

    /**
     * Plugs a reader in, empty.
     *
     * @param reader its name
     * @return this set
     */
    public InMemoryCardReaders connect(String reader) {
        return update(reader, false, true);
    }

    /**
     * Unplugs a reader (a card in it counts as removed).
     *
     * @param reader its name
     * @return this set
     */
    public InMemoryCardReaders disconnect(String reader) {
        lock.lock();
        try {
            readers.remove(reader);
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Inserts a card.
     *
     * @param reader a connected reader
     * @return this set
     * @throws IllegalArgumentException when the reader is not connected
     */
    public InMemoryCardReaders insertCard(String reader) {
        return update(reader, true, false);
    }

    /**
     * Removes the card.
     *
     * @param reader a connected reader
     * @return this set
     * @throws IllegalArgumentException when the reader is not connected
     */
    public InMemoryCardReaders removeCard(String reader) {
        return update(reader, false, false);
    }

    private InMemoryCardReaders update(String reader, boolean present, boolean connect) {
        lock.lock();
        try {
            if (!connect && !readers.containsKey(reader)) {
                throw new IllegalArgumentException("no reader named '" + reader + "' is connected");
            }
            readers.put(reader, present);
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return this;
    }

    @Override
    public List<String> readers() {
        lock.lock();
        try {
            return List.copyOf(readers.keySet());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isCardPresent(String reader) {
        lock.lock();
        try {
            return readers.getOrDefault(reader, false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CardWatcher watch(CardEventListener listener) {
        return ReaderWatcher.start(new ReaderWatcher.Source() {
            private long seen = -1;

            @Override
            public Map<String, Boolean> snapshot() {
                lock.lock();
                try {
                    seen = version;
                    return new LinkedHashMap<>(readers);
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void awaitChange(long timeoutMillis) throws InterruptedException {
                lock.lock();
                try {
                    if (version == seen) {
                        changed.await(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                } finally {
                    lock.unlock();
                }
            }
        }, listener);
    }
}
