package io.segursdk.ins;

import io.segursdk.core.error.SegurException;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one entry of an {@link InsiBatch}: INSi's answer, or the exception the entry raised, or the fact
 * that the batch was cancelled before it was done. Immutable.
 *
 * @param <T> the answer's type ({@link InsiResult} for a search, {@link InsiVerification} for a verification)
 */
public final class BatchEntryResult<T> {

    /** How an entry ended. */
    public enum Status {
        /** INSi answered: see {@link #value()}. */
        SUCCEEDED,
        /** The entry raised an exception (after its retries, when retryable): see {@link #failure()}. */
        FAILED,
        /** The batch was cancelled before this entry was done. */
        CANCELLED
    }

    private final int index;
    private final Status status;
    private final T value;
    private final SegurException failure;
    private final int attempts;

    private BatchEntryResult(int index, Status status, T value, SegurException failure, int attempts) {
        this.index = index;
        this.status = status;
        this.value = value;
        this.failure = failure;
        this.attempts = attempts;
    }

    static <T> BatchEntryResult<T> succeeded(int index, T value, int attempts) {
        return new BatchEntryResult<>(index, Status.SUCCEEDED, Objects.requireNonNull(value, "value"), null,
                attempts);
    }

    static <T> BatchEntryResult<T> failed(int index, SegurException failure, int attempts) {
        return new BatchEntryResult<>(index, Status.FAILED, null, Objects.requireNonNull(failure, "failure"),
                attempts);
    }

    static <T> BatchEntryResult<T> cancelled(int index, int attempts) {
        return new BatchEntryResult<>(index, Status.CANCELLED, null, null, attempts);
    }

    /** @return the entry's position in the input list */
    public int index() {
        return index;
    }

    /** @return how the entry ended */
    public Status status() {
        return status;
    }

    /** @return whether INSi answered */
    public boolean isSuccess() {
        return status == Status.SUCCEEDED;
    }

    /** @return INSi's answer, when it answered */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /**
     * @return the exception the entry raised, when it failed: an
     *         {@link io.segursdk.core.error.InvalidRequestException} for an invalid entry (nothing was sent), a
     *         service fault, an access or authentication refusal, a transport failure (the last one, after the
     *         retries)
     */
    public Optional<SegurException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * @return INSi's answer
     * @throws SegurException the entry's failure, when it failed
     * @throws java.util.concurrent.CancellationException when the entry was cancelled
     */
    public T get() {
        if (status == Status.FAILED) {
            throw failure;
        }
        if (status == Status.CANCELLED) {
            throw new java.util.concurrent.CancellationException("entry " + index + " was cancelled");
        }
        return value;
    }

    /** @return the attempts made for this entry (a retry is a new attempt); 0 when it was cancelled unstarted */
    public int attempts() {
        return attempts;
    }

    /** @return a description without patient data */
    @Override
    public String toString() {
        return "BatchEntryResult[" + index + ", " + status
                + (failure != null ? ", " + failure.getClass().getSimpleName() : "")
                + ", attempts=" + attempts + "]";
    }
}
