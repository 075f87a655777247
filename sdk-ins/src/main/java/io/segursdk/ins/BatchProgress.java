package io.segursdk.ins;

import java.util.Map;
import java.util.Objects;

/**
 * Where an {@link InsiBatch} stands: counts only, never patient data. Handed to the
 * {@linkplain BatchOptions.Builder#progressListener progress listener} after each entry ends; {@link #done()} only
 * grows, and the last progress of a batch has {@code done() == total()}.
 *
 * @param total     the number of entries
 * @param done      the entries ended (succeeded, failed or cancelled)
 * @param succeeded the entries that got an answer from INSi
 * @param failed    the entries that ended with an exception (invalid entry, fault, transport failure)
 * @param cancelled the entries not processed because the batch was cancelled
 * @param outcomes  the succeeded entries by outcome name ({@link InsiOutcome} for a search,
 *                  {@link InsiVerification.Outcome} for a verification), in no particular order
 */
public record BatchProgress(int total, int done, int succeeded, int failed, int cancelled,
                            Map<String, Integer> outcomes) {

    /** Checks the counts and copies the outcomes. */
    public BatchProgress {
        Objects.requireNonNull(outcomes, "outcomes");
        outcomes = Map.copyOf(outcomes);
        if (done != succeeded + failed + cancelled || done > total || done < 0) {
            throw new IllegalArgumentException("inconsistent batch counts");
        }
    }

    /** @return whether every entry has ended */
    public boolean isComplete() {
        return done == total;
    }

    /**
     * @param outcome an outcome, such as {@code InsiOutcome.FOUND} or {@code InsiVerification.Outcome.VERIFIED}
     * @return how many succeeded entries had it
     */
    public int count(Enum<?> outcome) {
        return outcomes.getOrDefault(outcome.name(), 0);
    }
}
