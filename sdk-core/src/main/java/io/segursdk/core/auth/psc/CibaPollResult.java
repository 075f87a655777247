package io.segursdk.core.auth.psc;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one CIBA token poll that is neither a refusal nor an expiry (those are thrown as
 * {@link CibaDeniedException} and {@link CibaExpiredException}).
 *
 * @param status  what happened
 * @param request the request to poll next, with the interval to honour (longer after {@link Status#SLOW_DOWN})
 * @param tokens  the tokens, when {@link Status#APPROVED}, else {@code null}
 */
public record CibaPollResult(Status status, CibaRequest request, PscTokens tokens) {

    /** Poll outcomes. */
    public enum Status {
        /** {@code authorization_pending}: poll again after the interval. */
        PENDING,
        /** {@code slow_down}: poll again after the (increased) interval. */
        SLOW_DOWN,
        /** Approved: {@link #tokens()} holds the tokens. */
        APPROVED
    }

    /** Checks the fields. */
    public CibaPollResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(request, "request");
    }

    /** @return the tokens, when approved */
    public Optional<PscTokens> approvedTokens() {
        return Optional.ofNullable(tokens);
    }
}
