package io.segursdk.outbox.mssante;

import io.segursdk.core.error.SegurException;

/**
 * An attempt of an {@link MssanteSender} that failed before the operator could have taken the message (the connection,
 * TLS or authentication failed, the operator refused the sender, a recipient or the message, the stored message could
 * not be read): nothing of it reached a mailbox. The worker records it as the item's last error, code
 * {@value MssanteSender#NOT_SUBMITTED}{@code /<attempt number>}; the next attempt then sends at once, without waiting
 * for delivery reports. The cause is the client's exception; the message starts with its type.
 */
public final class AttemptNotSubmittedException extends SegurException {

    private static final long serialVersionUID = 1L;

    AttemptNotSubmittedException(int attempt, RuntimeException cause) {
        super(describe(cause), cause instanceof SegurException s ? s.service().orElse("MSSANTE") : "MSSANTE",
                MssanteSender.NOT_SUBMITTED, Integer.toString(attempt), null,
                cause instanceof SegurException s && s.isRetryable(), cause);
    }

    private static String describe(RuntimeException cause) {
        StringBuilder b = new StringBuilder("nothing was submitted: ").append(cause.getClass().getSimpleName());
        if (cause instanceof SegurException s) {
            s.code().ifPresent(c -> b.append(' ').append(c));
            s.subcode().ifPresent(c -> b.append('/').append(c));
            b.append(": ").append(s.getMessage());
        }
        return b.toString();
    }
}
