package io.segursdk.testkit.psc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link PscSimulator} answers to the token polls of one CIBA request: a script of steps, one per poll; the
 * last step repeats. Queue one with {@link PscSimulator#enqueueCibaOutcome(CibaOutcome)} before the backchannel
 * authentication request it is for.
 *
 * <pre>{@code
 * simulator.enqueueCibaOutcome(CibaOutcome.pendingThenApprove(2));      // two authorization_pending, then tokens
 * simulator.enqueueCibaOutcome(CibaOutcome.of(Step.SLOW_DOWN, Step.DENY));
 * }</pre>
 */
public final class CibaOutcome {

    /** The answer to one poll. */
    public enum Step {
        /** {@code authorization_pending}: the professional has not answered yet. */
        PENDING,
        /** {@code slow_down}: the client polls too often. */
        SLOW_DOWN,
        /** The professional approved: tokens are issued. */
        APPROVE,
        /** {@code access_denied}: the professional refused. */
        DENY,
        /** {@code expired_token}: the request expired before the professional answered. */
        EXPIRE
    }

    private final List<Step> steps;

    private CibaOutcome(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("at least one step");
        }
        this.steps = List.copyOf(steps);
    }

    /**
     * @param steps the answers to successive polls; the last one repeats
     * @return the outcome
     */
    public static CibaOutcome of(Step... steps) {
        for (Step s : steps) {
            Objects.requireNonNull(s, "step");
        }
        return new CibaOutcome(List.of(steps));
    }

    /** @return approved at the first poll */
    public static CibaOutcome approve() {
        return of(Step.APPROVE);
    }

    /**
     * @param pendingPolls how many polls get {@code authorization_pending} first
     * @return pending that many times, then approved
     */
    public static CibaOutcome pendingThenApprove(int pendingPolls) {
        List<Step> s = new ArrayList<>(Collections.nCopies(pendingPolls, Step.PENDING));
        s.add(Step.APPROVE);
        return new CibaOutcome(s);
    }

    /** @return refused at the first poll */
    public static CibaOutcome deny() {
        return of(Step.DENY);
    }

    /** @return expired at the first poll */
    public static CibaOutcome expire() {
        return of(Step.EXPIRE);
    }

    /** @return the steps, in order */
    public List<Step> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "CibaOutcome" + steps;
    }
}
