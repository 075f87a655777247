package io.segursdk.ins;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Evidence that an INS was retrieved or verified through the INSi service: the INS, the traits INSi returned, and
 * the INS it returned as historical (0..n). Built by the INSi client from a "found" result, or by a vendor restoring
 * stored evidence.
 *
 * <p>Patient data: {@link #toString()} masks the INS and the traits.
 *
 * @param operation   which INSi operation gave the result
 * @param ins         the active INS
 * @param traits      the traits INSi returned (the reference for the identity's strict traits)
 * @param previousIns historical INS returned with it, possibly empty
 * @param by          who made or accepted the call
 * @param at          when
 */
public record InsiRetrieval(Operation operation, Ins ins, IdentityTraits traits, List<Ins> previousIns, Operator by,
                            Instant at) {

    /** The INSi operations that give an INS. */
    public enum Operation {
        /** Search by identity traits. */
        SEARCH_BY_TRAITS,
        /** Search with the Carte Vitale's data. */
        SEARCH_WITH_CARTE_VITALE,
        /** Verification of an INS received from elsewhere against the traits. */
        VERIFICATION
    }

    /** Checks every part is present and copies the list. */
    public InsiRetrieval {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(ins, "ins");
        Objects.requireNonNull(traits, "traits");
        previousIns = previousIns == null ? List.of() : List.copyOf(previousIns);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "InsiRetrieval{" + operation + ", " + ins + ", traits masked, previousIns=" + previousIns.size()
                + ", by=" + by + ", at=" + at + "}";
    }
}
