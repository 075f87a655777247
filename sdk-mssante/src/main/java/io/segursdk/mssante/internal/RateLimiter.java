package io.segursdk.mssante.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A sliding-window limiter: at most {@code permits} requests start within any window of {@code window}. Callers
 * reserve a start time; when it lies further ahead than they may wait, nothing is reserved. Thread-safe.
 */
public final class RateLimiter {

    private final int permits;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Deque<Long> starts = new ArrayDeque<>();

    /**
     * @param permits requests allowed per window
     * @param window  the window
     * @param clock   a nanosecond clock (normally {@link System#nanoTime()})
     */
    public RateLimiter(int permits, Duration window, LongSupplier clock) {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("permits >= 1 and a positive window are required");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reserves the earliest allowed start.
     *
     * @param maxWait the longest the caller accepts to wait
     * @return the wait before the request may start (zero or positive), or a negative value meaning "not reserved",
     *         whose absolute value is the wait that would have been needed
     */
    public synchronized long reserveNanos(Duration maxWait) {
        long now = clock.getAsLong();
        // the deque holds the latest reservations, at most `permits`, in increasing order
        long start = starts.size() < permits ? now : Math.max(now, starts.peekFirst() + windowNanos);
        long wait = start - now;
        if (wait > maxWait.toNanos()) {
            return -Math.max(1, wait);
        }
        starts.addLast(start);
        if (starts.size() > permits) {
            starts.pollFirst();
        }
        return wait;
    }

    /**
     * Reserves a start and sleeps until it.
     *
     * @param maxWait the longest the caller accepts to wait
     * @return {@code null} when the request may go now, else the wait that would have been needed (nothing reserved)
     * @throws InterruptedException if interrupted while waiting
     */
    public Duration acquire(Duration maxWait) throws InterruptedException {
        long wait = reserveNanos(maxWait);
        if (wait < 0) {
            return Duration.ofNanos(-wait);
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
        return null;
    }
}
