package io.segursdk.outbox;

import java.util.Objects;
import java.util.Optional;

/**
 * The last failure recorded on an {@link OutboxItem}: the exception type, the service's code when it gave one, and a
 * message. Built from the SDK's exceptions, whose messages carry no patient data; the message is truncated to 1000
 * characters.
 *
 * @param type    the simple name of the exception type (for example {@code TransportException})
 * @param code    the service's code (or {@code HTTP 503}), or {@code null}
 * @param message a description free of patient data
 */
public record OutboxError(String type, String code, String message) {

    /**
     * @param type    the simple name of the exception type
     * @param code    the service's code, or {@code null}
     * @param message a description free of patient data
     */
    public OutboxError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        if (message.length() > 1000) {
            message = message.substring(0, 1000);
        }
    }

    /** @return the service's code, when it gave one */
    public Optional<String> codeIfAny() {
        return Optional.ofNullable(code);
    }
}
