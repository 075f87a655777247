package io.segursdk.ins;

import io.segursdk.core.error.Violations;

/**
 * The person or process that performed an identity operation, for the audit trail.
 *
 * @param role       the role
 * @param identifier a stable identifier of the operator in the vendor's software or a national one (RPPS, card
 *                   number); never patient data
 */
public record Operator(OperatorRole role, String identifier) {

    /**
     * Checks both parts are present.
     *
     * @throws io.segursdk.core.error.InvalidRequestException if a part is missing
     */
    public Operator {
        Violations v = new Violations();
        v.require(role != null, "operator.role", "is required");
        v.require(identifier != null && !identifier.isBlank(), "operator.identifier", "is required");
        v.throwIfAny();
    }
}
