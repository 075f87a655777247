package io.segursdk.outbox.internal;

/** A token bucket: up to {@code permits} tokens, refilled continuously at {@code permits} per period. */
public final class RateLimiter {

    private final long permits;
    private final long periodNanos;
    private double tokens;
    private long last;

    /**
     * @param permits     tokens per period (and the bucket's size)
     * @param periodNanos the period, in nanoseconds
     */
    public RateLimiter(long permits, long periodNanos) {
        this.permits = permits;
        this.periodNanos = periodNanos;
        this.tokens = permits;
        this.last = System.nanoTime();
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(permits, tokens + (now - last) * (double) permits / periodNanos);
        last = now;
    }

    /** @return the whole tokens available now */
    public synchronized int available() {
        refill();
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.floor(tokens));
    }

    /** @param n tokens to take (at most those available) */
    public synchronized void take(int n) {
        refill();
        tokens = Math.max(0, tokens - n);
    }
}
