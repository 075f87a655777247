package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How an {@link InsiBatch} runs: how many calls at once, how many calls per period at most, how often a retryable
 * failure is tried again, and who is told of the progress. Immutable.
 *
 * <p>The defaults are deliberately gentle with INSi: 2 calls at once, at most 5 calls per second (counting every
 * call, including each call of the several-first-names strategy and each retry), 3 attempts per entry with an
 * exponential backoff from 1 second up to 30 seconds.
 */
public final class BatchOptions {

    /** The most calls a batch may have in flight at once. */
    public static final int MAX_CONCURRENCY = 8;

    private static final BatchOptions DEFAULTS = builder().build();

    private final int concurrency;
    private final int callsPerPeriod;
    private final Duration period;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Consumer<BatchProgress> progressListener;

    private BatchOptions(Builder b) {
        this.concurrency = b.concurrency;
        this.callsPerPeriod = b.callsPerPeriod;
        this.period = b.period;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.progressListener = b.progressListener;
    }

    /** @return the default options (2 at once, 5 calls per second, 3 attempts, no progress listener) */
    public static BatchOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how many entries are processed at once (each with at most one call in flight) */
    public int concurrency() {
        return concurrency;
    }

    /** @return the most calls started in any window of {@link #period()} */
    public int callsPerPeriod() {
        return callsPerPeriod;
    }

    /** @return the window of the rate limit */
    public Duration period() {
        return period;
    }

    /** @return the most attempts per entry (1: no retry); only retryable failures are tried again */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the wait before the second attempt; it doubles for each further one */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** @return the longest wait between two attempts */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return who is told of the progress, when set */
    public Optional<Consumer<BatchProgress>> progressListener() {
        return Optional.ofNullable(progressListener);
    }

    /**
     * @param attempt the attempt that just failed (1 for the first)
     * @return the wait before the next one
     */
    Duration backoff(int attempt) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** @return the pacing between two call starts */
    Duration interval() {
        return period.dividedBy(callsPerPeriod);
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.concurrency = concurrency;
        b.callsPerPeriod = callsPerPeriod;
        b.period = period;
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.progressListener = progressListener;
        return b;
    }

    @Override
    public String toString() {
        return "BatchOptions[concurrency=" + concurrency + ", rate=" + callsPerPeriod + "/" + period
                + ", maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff + "]";
    }

    /** Builds {@link BatchOptions}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private int concurrency = 2;
        private int callsPerPeriod = 5;
        private Duration period = Duration.ofSeconds(1);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Consumer<BatchProgress> progressListener;

        private Builder() {
        }

        /**
         * @param n how many entries are processed at once, 1 to {@link #MAX_CONCURRENCY} (2 unless set)
         * @return this builder
         */
        public Builder concurrency(int n) {
            this.concurrency = n;
            return this;
        }

        /**
         * Limits the rate of calls: at most {@code calls} start in any window of {@code per}, evenly spaced (one
         * every {@code per / calls}). Every call counts: each call of the several-first-names strategy, each retry.
         * The client measures its window on the calls' real start times and keeps it slightly longer than
         * {@code per} (by 2.5 %, at most 25 ms), so that a call delayed in transit by up to that margin cannot make the
         * service count more than {@code calls} arrivals in one of its own windows.
         *
         * @param calls the most calls per window, at least 1 (5 unless set)
         * @param per   the window, at least 1 ms (1 second unless set)
         * @return this builder
         */
        public Builder rateLimit(int calls, Duration per) {
            this.callsPerPeriod = calls;
            this.period = per;
            return this;
        }

        /**
         * @param n the most attempts per entry, 1 (no retry) to 10 (3 unless set); only failures whose
         *          {@code isRetryable()} is true are tried again (INSi searches are idempotent)
         * @return this builder
         */
        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        /**
         * @param initial the wait before the second attempt, doubled for each further one (1 second unless set)
         * @param max     the longest wait (30 seconds unless set)
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * @param listener told after each entry ends, one call at a time, from the batch's threads; it must return
         *                 quickly and must not block (an exception it throws is logged and ignored); {@code null} for
         *                 none
         * @return this builder
         */
        public Builder progressListener(Consumer<BatchProgress> listener) {
            this.progressListener = listener;
            return this;
        }

        /**
         * @return the options
         * @throws InvalidRequestException listing every problem
         */
        public BatchOptions build() {
            Violations v = new Violations();
            v.require(concurrency >= 1 && concurrency <= MAX_CONCURRENCY, "batch.concurrency",
                    "must be between 1 and " + MAX_CONCURRENCY);
            v.require(callsPerPeriod >= 1, "batch.rateLimit.calls", "must be at least 1");
            v.require(period != null && period.toMillis() >= 1, "batch.rateLimit.per", "must be at least 1 ms");
            v.require(maxAttempts >= 1 && maxAttempts <= 10, "batch.maxAttempts", "must be between 1 and 10");
            v.require(initialBackoff != null && !initialBackoff.isNegative(), "batch.backoff.initial",
                    "must be zero or positive");
            v.require(maxBackoff != null && initialBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                    "batch.backoff.max", "must be at least the initial backoff");
            v.throwIfAny();
            return new BatchOptions(this);
        }
    }
}
