package io.segursdk.ins;

/**
 * Attributes an identity may carry beside its status (RNIV).
 *
 * <ul>
 *   <li>{@link #DOUBTFUL} and {@link #FICTITIOUS} may only go with {@link IdentityStatus#PROVISIONAL}, and such an
 *       identity must not call INSi (EXI SI 09).</li>
 *   <li>{@link #DOUBTFUL} and {@link #FICTITIOUS} cannot be combined.</li>
 *   <li>{@link #HOMONYM} goes with any status and any other attribute.</li>
 * </ul>
 */
public enum IdentityAttribute {
    /** Identité douteuse: doubt about the truth of the identity collected (confused patient, suspected fraud...). */
    DOUBTFUL,
    /** Identité fictive: a deliberately fictitious identity (anonymous care, exceptional situations). */
    FICTITIOUS,
    /** Identité homonyme: another identity in the base shares traits with this one, extra care is needed. */
    HOMONYM
}
