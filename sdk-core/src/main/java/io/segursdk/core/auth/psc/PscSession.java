package io.segursdk.core.auth.psc;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A logged-in professional's tokens, kept fresh: {@link #accessToken()} refreshes the access token shortly before
 * it expires (PSC access tokens live a few minutes). Made by {@link PscClient#session(PscTokens)}.
 *
 * <p>Thread-safe: concurrent callers share one refresh. When the refresh token is no longer accepted, the session
 * ends and {@link #accessToken()} throws {@link PscErrorException} ({@code invalid_grant}): the professional must
 * log in again. Keep sessions in memory only.
 */
public final class PscSession implements AccessTokenSupplier {

    private final PscClient client;
    private final Clock clock;
    private final Duration margin;
    private PscTokens tokens;
    private boolean invalidated;
    private boolean ended;

    PscSession(PscClient client, PscTokens tokens, Clock clock, Duration margin) {
        this.client = client;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = clock;
        this.margin = Objects.requireNonNull(margin, "margin");
    }

    /**
     * @return a valid access token, refreshed first when it expires within the margin or was
     *         {@link #invalidate() invalidated}
     * @throws PscErrorException when the session cannot be refreshed any more, or was logged out
     */
    @Override
    public synchronized String accessToken() {
        if (ended) {
            throw new PscErrorException("invalid_grant", "the session was logged out or can no longer be refreshed",
                    0);
        }
        if (invalidated || !tokens.expiresAt().minus(margin).isAfter(clock.instant())) {
            String refresh = tokens.refresh().orElseThrow(() -> {
                ended = true;
                return new PscErrorException("invalid_grant", "the access token expired and there is no refresh token",
                        0);
            });
            try {
                tokens = client.refresh(refresh);
                invalidated = false;
            } catch (PscErrorException e) {
                ended = true;
                throw e;
            }
        }
        return tokens.accessToken();
    }

    @Override
    public synchronized void invalidate() {
        invalidated = true;
    }

    /** @return this session, as the supplier services such as MSSanté take */
    public AccessTokenSupplier accessTokenSupplier() {
        return this;
    }

    /** @return the current tokens (refreshed ones after a refresh) */
    public synchronized PscTokens tokens() {
        return tokens;
    }

    /**
     * Logs out at PSC (see {@link PscClient#logout(PscTokens)}) and ends this session.
     */
    public synchronized void logout() {
        ended = true;
        client.logout(tokens);
    }

    /** @return whether the session ended (logged out or no longer refreshable) */
    public synchronized boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return "PscSession[" + tokens + "]";
    }
}
