package io.segursdk.ins;

import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running batch of INSi searches or verifications, started by {@link InsiClient#searchAll} or
 * {@link InsiClient#verifyAll}: the handle to wait for its results, follow its progress or cancel it.
 *
 * <p>How it runs ({@link BatchOptions}): {@code concurrency} threads, owned by the batch and stopped when it ends,
 * take the entries in order; every call to INSi (each call of the several-first-names strategy, each retry) waits
 * for the rate limit, which spaces call starts evenly so that no window of the period holds more than the allowed
 * number; a failure whose {@link SegurException#isRetryable()} is true is tried again after an exponential backoff,
 * up to {@code maxAttempts}; any other failure, an invalid entry included, ends its entry without stopping the
 * batch.
 *
 * <p>{@link #await()} gives exactly one {@link BatchEntryResult} per entry, in the order of the input list: INSi's
 * answer, the exception raised, or {@link BatchEntryResult.Status#CANCELLED} for the entries not done when
 * {@link #cancel()} was called (a call already in flight is let finish and its result kept). Thread-safe.
 *
 * @param <T> the answer's type ({@link InsiResult} for a search, {@link InsiVerification} for a verification)
 */
public final class InsiBatch<T> {

    private static final Logger LOG = LoggerFactory.getLogger(InsiBatch.class);

    /** Raised by the call gate when the batch is cancelled while an entry waits. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("batch cancelled", null, false, false);
        }
    }

    /** One entry's work: the client call, passing every INSi exchange through the gate. */
    @FunctionalInterface
    interface Task<T> {
        T run(int index, CallGate gate);
    }

    private final String kind;
    private final int total;
    private final BatchOptions options;
    private final Task<T> task;
    private final Function<T, String> outcomeOf;
    private final BatchEntryResult<T>[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger workersLeft;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CompletableFuture<List<BatchEntryResult<T>>> completion = new CompletableFuture<>();
    private final ExecutorService executor;
    private final long intervalNanos;
    private final Object pacing = new Object();
    private long nextSlot;
    /** When the last {@code callsPerPeriod} calls actually started (a ring): the window check uses real starts. */
    private final long[] recentStarts;
    private int oldestStart;
    private final long periodNanos;
    /** The most the client's window exceeds the configured one by: 25 ms (or 2.5 % of a shorter window). */
    static final long TRANSIT_MARGIN_NANOS = 25_000_000L;
    private final Map<String, Integer> outcomes = new HashMap<>();
    private int succeeded;
    private int failed;
    private int cancelledCount;
    private int done;

    @SuppressWarnings("unchecked")
    private InsiBatch(String kind, int total, BatchOptions options, Task<T> task, Function<T, String> outcomeOf) {
        this.kind = kind;
        this.total = total;
        this.options = options;
        this.task = task;
        this.outcomeOf = outcomeOf;
        this.results = (BatchEntryResult<T>[]) new BatchEntryResult<?>[total];
        int threads = Math.max(1, Math.min(options.concurrency(), total));
        this.workersLeft = new AtomicInteger(threads);
        this.intervalNanos = options.interval().toNanos();
        this.nextSlot = System.nanoTime();
        // The window the client keeps is a little longer than the service's: a call reaches INSi some milliseconds
        // after it starts, and a late one must not make INSi count one call too many in its own window.
        this.periodNanos = options.period().toNanos() + Math.min(options.period().toNanos() / 40, TRANSIT_MARGIN_NANOS);
        this.recentStarts = new long[options.callsPerPeriod()];
        Arrays.fill(recentStarts, nextSlot - periodNanos);
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "segur-insi-batch-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    static <T> InsiBatch<T> start(String kind, int total, BatchOptions options, Task<T> task,
                                  Function<T, String> outcomeOf) {
        InsiBatch<T> batch = new InsiBatch<>(kind, total, options, task, outcomeOf);
        LOG.debug("INSi batch ({}) of {} entries started: {}", kind, total, options);
        if (total == 0) {
            batch.finish();
            return batch;
        }
        int threads = batch.workersLeft.get();
        for (int i = 0; i < threads; i++) {
            batch.executor.execute(batch::work);
        }
        return batch;
    }

    /** @return the number of entries */
    public int total() {
        return total;
    }

    /** @return where the batch stands now */
    public BatchProgress progress() {
        synchronized (outcomes) {
            return snapshot();
        }
    }

    /**
     * Stops the batch: no new call is started; the entries not done are reported as cancelled. A call in flight is
     * let finish (its result is kept). Returns at once; {@link #await()} returns when the threads have stopped.
     * Idempotent.
     */
    public void cancel() {
        if (cancelled.getCount() > 0) {
            LOG.debug("INSi batch ({}) cancelled", kind);
        }
        cancelled.countDown();
    }

    /** @return whether {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** @return whether every entry has ended and the batch's threads are stopping */
    public boolean isDone() {
        return completion.isDone();
    }

    /**
     * Waits for the end of the batch.
     *
     * @return one result per entry, in the order of the input list
     * @throws InterruptedException when the waiting thread is interrupted (the batch goes on; cancel it if needed)
     */
    public List<BatchEntryResult<T>> await() throws InterruptedException {
        try {
            return completion.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("INSi batch ended abnormally", e.getCause());
        }
    }

    /**
     * Waits for the end of the batch, at most {@code timeout}.
     *
     * @param timeout the longest wait
     * @return one result per entry in input order, or empty when the batch has not ended in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Optional<List<BatchEntryResult<T>>> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(completion.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("INSi batch ended abnormally", e.getCause());
        }
    }

    @Override
    public String toString() {
        return "InsiBatch[" + kind + ", " + progress() + "]";
    }

    // ---------------------------------------------------------------------------------------------------- internals

    private void work() {
        try {
            while (!isCancelled()) {
                int i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                record(run(i));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("INSi batch ({}) worker stopped unexpectedly: {}", kind, e.getClass().getName());
            throw e;
        } finally {
            if (workersLeft.decrementAndGet() == 0) {
                finish();
            }
        }
    }

    private BatchEntryResult<T> run(int index) {
        CallGate gate = this::awaitSlot;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return BatchEntryResult.succeeded(index, task.run(index, gate), attempt);
            } catch (Cancelled c) {
                return BatchEntryResult.cancelled(index, attempt);
            } catch (SegurException e) {
                if (!e.isRetryable() || attempt >= options.maxAttempts()) {
                    return BatchEntryResult.failed(index, e, attempt);
                }
                LOG.debug("INSi batch ({}) entry {}: attempt {} failed ({}), retrying", kind, index, attempt,
                        e.getClass().getSimpleName());
                if (waitOrCancelled(options.backoff(attempt).toNanos())) {
                    return BatchEntryResult.cancelled(index, attempt);
                }
            } catch (RuntimeException e) {
                // A defect rather than an INSi answer: kept in the entry so that no entry is lost.
                return BatchEntryResult.failed(index, new TransportException("INSi batch entry failed unexpectedly: "
                        + e.getClass().getName(), "INSi", null, 0, false, e), attempt);
            }
        }
    }

    /**
     * The rate limit. First the even spacing: reserves the next start slot and waits for it. Then the window itself:
     * a thread that was scheduled late must not start right behind the next one, so the call starts only when the
     * call {@code callsPerPeriod} starts back began at least one period ago, and its real start time is recorded.
     */
    private long awaitSlot() {
        if (isCancelled()) {
            throw new Cancelled();
        }
        long slot;
        long now;
        synchronized (pacing) {
            now = System.nanoTime();
            slot = now - nextSlot > 0 ? now : nextSlot;
            nextSlot = slot + intervalNanos;
        }
        if (waitOrCancelled(slot - now)) {
            throw new Cancelled();
        }
        while (true) {
            long wait;
            synchronized (pacing) {
                now = System.nanoTime();
                wait = recentStarts[oldestStart] + periodNanos - now;
                if (wait <= 0) {
                    recentStarts[oldestStart] = now;
                    oldestStart = (oldestStart + 1) % recentStarts.length;
                    return now;
                }
            }
            if (waitOrCancelled(wait)) {
                throw new Cancelled();
            }
        }
    }

    /** @return whether the batch was cancelled (before or during the wait) */
    private boolean waitOrCancelled(long nanos) {
        try {
            return nanos > 0 ? cancelled.await(nanos, TimeUnit.NANOSECONDS) : isCancelled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void record(BatchEntryResult<T> result) {
        synchronized (outcomes) {
            results[result.index()] = result;
            count(result);
            notifyProgress(snapshot());
        }
    }

    private void count(BatchEntryResult<T> result) {
        done++;
        switch (result.status()) {
            case SUCCEEDED -> {
                succeeded++;
                outcomes.merge(outcomeOf.apply(result.value().orElseThrow()), 1, Integer::sum);
            }
            case FAILED -> failed++;
            case CANCELLED -> cancelledCount++;
            default -> throw new IllegalStateException();
        }
    }

    private BatchProgress snapshot() {
        return new BatchProgress(total, done, succeeded, failed, cancelledCount, outcomes);
    }

    private void notifyProgress(BatchProgress progress) {
        options.progressListener().ifPresent(listener -> {
            try {
                listener.accept(progress);
            } catch (RuntimeException e) {
                LOG.warn("INSi batch ({}) progress listener failed: {}", kind, e.getClass().getName());
            }
        });
    }

    private void finish() {
        List<BatchEntryResult<T>> list;
        BatchProgress last;
        synchronized (outcomes) {
            boolean filled = false;
            for (int i = 0; i < total; i++) {
                if (results[i] == null) {
                    results[i] = BatchEntryResult.cancelled(i, 0);
                    count(results[i]);
                    filled = true;
                }
            }
            last = snapshot();
            if (filled || total == 0) {
                notifyProgress(last);
            }
            list = List.copyOf(new ArrayList<>(Arrays.asList(results)));
        }
        executor.shutdown();
        LOG.debug("INSi batch ({}) ended: {} succeeded, {} failed, {} cancelled", kind, last.succeeded(),
                last.failed(), last.cancelled());
        completion.complete(list);
    }
}
