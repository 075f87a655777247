package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violation;

import java.util.List;
import java.util.Optional;

/**
 * An identity operation was refused by an identity-vigilance rule. Raised before any change and before any network
 * call; the identity it was called on is unchanged (identities are immutable). Never carries patient data.
 */
public class IdentityRuleException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    private final IdentityRule identityRule;
    private final transient TraitComparison comparison;

    /**
     * @param rule the rule that refused the operation
     */
    public IdentityRuleException(IdentityRule rule) {
        this(rule, null);
    }

    /**
     * @param rule       the rule that refused the operation
     * @param comparison the comparison of traits behind the refusal, or {@code null}
     */
    public IdentityRuleException(IdentityRule rule, TraitComparison comparison) {
        super(List.of(new Violation(rule.field(), rule.rule())));
        this.identityRule = rule;
        this.comparison = comparison;
    }

    /** @return the rule that refused the operation */
    public IdentityRule identityRule() {
        return identityRule;
    }

    /** @return which traits differ, when the refusal comes from a comparison of traits */
    public Optional<TraitComparison> comparison() {
        return Optional.ofNullable(comparison);
    }
}
