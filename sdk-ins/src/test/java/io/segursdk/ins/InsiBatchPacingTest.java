package io.segursdk.ins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

/**
 * The batch's rate limit holds at the moments calls really start, even when threads wake up late: no window of one
 * period holds more than the allowed number of starts.
 */
class InsiBatchPacingTest {

    @Test
    void noWindowHoldsMoreStartsThanTheLimitEvenWithLateThreads() throws InterruptedException {
        int limit = 5;
        Duration period = Duration.ofMillis(500);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        BatchOptions options = BatchOptions.builder().concurrency(4).rateLimit(limit, period).maxAttempts(1).build();

        InsiBatch<String> batch = InsiBatch.start("pacing", 30, options, (index, gate) -> {
            // the start the gate recorded under its lock, not a clock read after it (which a descheduled thread reads
            // late): the check below needs no tolerance
            starts.add(gate.beforeCall());
            // Calls of uneven length, and a thread that is sometimes descheduled after its slot came.
            sleep(ThreadLocalRandom.current().nextInt(0, 15));
            return "ok";
        }, s -> s);
        List<BatchEntryResult<String>> results = batch.await();

        assertThat(results).hasSize(30).allMatch(r -> r.status() == BatchEntryResult.Status.SUCCEEDED);
        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        for (int i = 0; i + limit < sorted.size(); i++) {
            assertThat(sorted.get(i + limit) - sorted.get(i))
                    .as("starts %d to %d fall within one period", i, i + limit)
                    .isGreaterThanOrEqualTo(period.toNanos());
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
