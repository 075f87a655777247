package io.segursdk.outbox;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline (a hang guard, not a performance assertion). */
final class Await {

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static OutboxItem status(Outbox outbox, String id, OutboxStatus status) {
        until("item " + id + " to be " + status,
                () -> outbox.get(id).map(i -> i.status() == status).orElse(false));
        return outbox.get(id).orElseThrow();
    }
}
