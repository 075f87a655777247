package io.segursdk.mssante;

import io.segursdk.core.error.TransportException;

import java.time.Duration;
import java.util.Optional;

/**
 * The Annuaire Santé rate limit was reached: either the directory answered HTTP 429, or the client's own limiter
 * would have had to wait longer than allowed ({@link AnnuaireClient.Builder#maxWait(Duration)}), in which case
 * nothing was sent ({@link #httpStatus()} is 0). Retryable after {@link #retryAfter()}.
 */
public class AnnuaireRateLimitException extends TransportException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message    description
     * @param httpStatus 429, or 0 when the client's limiter refused to send
     * @param retryAfter how long to wait before retrying, or {@code null} when unknown
     */
    public AnnuaireRateLimitException(String message, int httpStatus, Duration retryAfter) {
        super(message, AnnuaireClient.SERVICE, null, httpStatus, true, null);
        this.retryAfter = retryAfter;
    }

    /** @return how long to wait before retrying (the server's {@code Retry-After}, or the limiter's estimate) */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
