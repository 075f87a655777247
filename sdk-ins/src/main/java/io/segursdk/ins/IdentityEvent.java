package io.segursdk.ins;

import java.time.Instant;
import java.util.Objects;

/**
 * One event in an identity's life, for the vendor's audit trail: what happened, who did it, when, the status before
 * and after, and a detail naming the evidence without patient data (a document type, an attribute, an INSi
 * operation and the INS authority).
 *
 * @param type   what happened
 * @param by     who did it
 * @param at     when
 * @param from   the status before, {@code null} for {@link Type#CREATED}
 * @param to     the status after
 * @param detail the evidence, in words free of patient data
 */
public record IdentityEvent(Type type, Operator by, Instant at, IdentityStatus from, IdentityStatus to,
                            String detail) {

    /** What happened. */
    public enum Type {
        /** The identity was created, provisional. */
        CREATED,
        /** An INS from INSi was accepted. */
        INSI_RETRIEVED,
        /** The traits were checked against a document, or by the physicians' exception procedure. */
        IDENTITY_CHECKED,
        /** The traits were corrected. */
        TRAITS_CORRECTED,
        /** An attribute was added. */
        ATTRIBUTE_ADDED,
        /** An attribute was removed. */
        ATTRIBUTE_REMOVED,
        /** The identity was brought back to provisional, dropping its evidence. */
        DOWNGRADED
    }

    /** Checks the required parts are present. */
    public IdentityEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(detail, "detail");
    }
}
