package io.segursdk.core.config;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.Violations;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How often, and how patiently, a client sends a call again after a failure that may pass ({@link
 * SegurException#isRetryable()}: a timeout, a reset connection, a {@code 503}). Immutable and thread-safe.
 *
 * <p>The clients apply it to idempotent calls only (INSi searches, DMP searches and retrievals), where
 * {@link #defaults()} is on by default. A call that changes something, such as a DMP feed, is never sent again
 * blindly: the DMP client first checks whether the first attempt landed (see its {@code feedRetryPolicy}).
 *
 * <p>Between attempts the client waits an exponential backoff ({@link #initialBackoff()} doubled at each retry, at
 * most {@link #maxBackoff()}), shortened by a random part of up to {@link #jitter()} of it so that many clients
 * failing together do not come back together.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *         .maxAttempts(4)
 *         .backoff(Duration.ofMillis(500), Duration.ofSeconds(8))
 *         .jitter(0.5)
 *         .build();
 * }</pre>
 */
public final class RetryPolicy {

    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
    private static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(4),
            0.5);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.jitter = jitter;
    }

    /**
     * The default for idempotent calls: 3 attempts, backoff from 250 ms up to 4 s, jitter 0.5.
     *
     * @return the policy
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * No retry: one attempt.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Starts a builder, initialised with the {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The most attempts per call, the first one included.
     *
     * @return 1 (no retry) to 10
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The wait before the first retry, before jitter.
     *
     * @return the initial backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The longest wait between two attempts, before jitter.
     *
     * @return the maximum backoff
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The largest part of a backoff that is randomly taken off it.
     *
     * @return 0 (none) to 1
     */
    public double jitter() {
        return jitter;
    }

    /**
     * Whether this policy sends a call again after this failure.
     *
     * @param failure       the failure of the last attempt
     * @param attemptsSoFar the attempts made so far, 1 or more
     * @return {@code true} when the failure is retryable and attempts remain
     */
    public boolean shouldRetry(SegurException failure, int attemptsSoFar) {
        return failure != null && failure.isRetryable() && attemptsSoFar < maxAttempts;
    }

    /**
     * The wait before a retry, jitter applied.
     *
     * @param retry the retry's number: 1 for the second attempt, 2 for the third...
     * @return the wait, never negative
     */
    public Duration backoff(int retry) {
        if (retry < 1 || initialBackoff.isZero()) {
            return Duration.ZERO;
        }
        long base = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        long millis = base;
        for (int i = 1; i < retry && millis < max; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, max);
        long off = (long) (millis * jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.max(0, millis - off));
    }

    /**
     * Makes a call, and makes it again as this policy says while it fails with a retryable {@link SegurException}.
     * Only for calls that may be repeated without harm (idempotent). Each failure but the last one is added to the
     * thrown exception as a suppressed exception.
     *
     * @param call the call
     * @param <T>  the call's result
     * @return the result of the first attempt that succeeds
     * @throws SegurException the last failure, when no attempt succeeded; at once when the failure is not
     *                        retryable or the thread is interrupted while waiting
     */
    public <T> T execute(Supplier<T> call) {
        Objects.requireNonNull(call, "call");
        SegurException first = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SegurException e) {
                if (first != null && first != e) {
                    e.addSuppressed(first);
                }
                if (!shouldRetry(e, attempt) || !pause(backoff(attempt))) {
                    throw e;
                }
                first = e;
            }
        }
    }

    /**
     * Waits before a retry.
     *
     * @param wait how long
     * @return {@code false} when the thread was interrupted (its interrupt flag is set again)
     */
    public static boolean pause(Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", jitter=" + jitter + "]";
    }

    /** Builds a {@link RetryPolicy}; starts from the {@link #defaults()}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = DEFAULTS.maxAttempts;
        private Duration initialBackoff = DEFAULTS.initialBackoff;
        private Duration maxBackoff = DEFAULTS.maxBackoff;
        private double jitter = DEFAULTS.jitter;

        private Builder() {
        }

        /**
         * @param n the most attempts per call, the first one included: 1 (no retry) to 10
         * @return this builder
         */
        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        /**
         * @param initial the wait before the first retry (zero for none)
         * @param max     the longest wait, at least {@code initial}
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * @param fraction the largest part of each wait taken off at random: 0 (none) to 1
         * @return this builder
         */
        public Builder jitter(double fraction) {
            this.jitter = fraction;
            return this;
        }

        /**
         * @return the policy
         * @throws InvalidRequestException listing every problem
         */
        public RetryPolicy build() {
            Violations v = new Violations();
            v.require(maxAttempts >= 1 && maxAttempts <= 10, "retry.maxAttempts", "must be 1 to 10");
            v.require(initialBackoff != null && !initialBackoff.isNegative(), "retry.initialBackoff",
                    "must be zero or positive");
            v.require(maxBackoff != null && initialBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0
                    && maxBackoff.compareTo(Duration.ofMinutes(5)) <= 0, "retry.maxBackoff",
                    "must be at least the initial backoff and at most 5 minutes");
            v.require(jitter >= 0 && jitter <= 1, "retry.jitter", "must be between 0 and 1");
            v.throwIfAny();
            return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter);
        }
    }
}
