package io.segursdk.core.auth.psc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A CIBA authentication request accepted by Pro Santé Connect: the professional now has to approve it on their e-CPS
 * app or with their card (CPS-Gestion), checking that the {@link #bindingMessage()} shown matches the one the
 * software displays. Poll it with {@link PscClient#pollCiba(CibaRequest)} or wait with
 * {@link PscClient#awaitCiba(CibaRequest)}.
 *
 * @param authReqId      the request id ({@code auth_req_id}); a secret of this login, hidden by {@link #toString()}
 * @param bindingMessage the two digits to display to the professional
 * @param expiresAt      when the request expires
 * @param interval       the minimum time between two polls
 */
public record CibaRequest(String authReqId, String bindingMessage, Instant expiresAt, Duration interval) {

    /** Checks the fields. */
    public CibaRequest {
        Objects.requireNonNull(authReqId, "authReqId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(interval, "interval");
    }

    /**
     * @param newInterval the interval to use from now on
     * @return a copy with that interval (after a {@code slow_down})
     */
    public CibaRequest withInterval(Duration newInterval) {
        return new CibaRequest(authReqId, bindingMessage, expiresAt, newInterval);
    }

    @Override
    public String toString() {
        return "CibaRequest[bindingMessage=" + bindingMessage + ", expiresAt=" + expiresAt + ", interval=" + interval
                + "]";
    }
}
