package io.segursdk.ins;

/** What a client call waits for before each exchange with INSi: a batch's rate limit and cancellation. */
@FunctionalInterface
interface CallGate {

    /** No wait. */
    CallGate OPEN = System::nanoTime;

    /**
     * Waits until the next call may be sent.
     *
     * @return the {@link System#nanoTime()} at which the gate let the call through: the start its rate limit counts
     * @throws InsiBatch.Cancelled when the batch was cancelled meanwhile
     */
    long beforeCall();
}
