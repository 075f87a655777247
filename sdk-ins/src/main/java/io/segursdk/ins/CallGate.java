package io.segursdk.ins;

/** What a client call waits for before each exchange with INSi: a batch's rate limit and cancellation. */
@FunctionalInterface
interface CallGate {

    /** No wait. */
    CallGate OPEN = () -> { };

    /**
     * Waits until the next call may be sent.
     *
     * @throws InsiBatch.Cancelled when the batch was cancelled meanwhile
     */
    void beforeCall();
}
