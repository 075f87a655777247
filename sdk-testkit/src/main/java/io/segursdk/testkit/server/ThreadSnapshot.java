package io.segursdk.testkit.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The threads alive at one moment, to check that a client leaves none behind once closed.
 *
 * <pre>{@code
 * ThreadSnapshot before = ThreadSnapshot.take();
 * try (InsiClient client = ...) { ... }
 * assertThat(before.newThreadsAfter(Duration.ofSeconds(5))).isEmpty();
 * }</pre>
 */
public final class ThreadSnapshot {

    private final Set<Thread> threads;

    private ThreadSnapshot(Set<Thread> threads) {
        this.threads = threads;
    }

    /**
     * Takes a snapshot of the live threads.
     *
     * @return the snapshot
     */
    public static ThreadSnapshot take() {
        return new ThreadSnapshot(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /**
     * The threads started since this snapshot that are still alive, waiting up to {@code grace} for them to end
     * (threads of closed pools end shortly after the close; a garbage collection is requested meanwhile, for pools
     * that end when their owner is unreachable). Threads of the simulators (named {@code segur-simulator...}) are
     * ignored.
     *
     * @param grace how long to wait for threads to end
     * @return the threads still alive, empty when none
     */
    public List<Thread> newThreadsAfter(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> extra;
        while (true) {
            extra = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!threads.contains(t) && t.isAlive() && !t.getName().startsWith("segur-simulator")) {
                    extra.add(t);
                }
            }
            if (extra.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        extra.sort(java.util.Comparator.comparing(Thread::getName));
        return extra;
    }
}
