package io.segursdk.ins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A patient's digital identity under the RNIV rules: traits, confidence status, attributes, the evidence behind the
 * status (INSi retrieval, identity check) and the events that led to it.
 *
 * <p>Immutable and thread-safe: each transition returns a new identity, with the event appended to
 * {@link #events()}, or throws an {@link IdentityRuleException} and changes nothing.
 *
 * <ul>
 *   <li>{@link #acceptInsiRetrieval}: INS from INSi; provisional becomes retrieved, validated becomes qualified.
 *       INSi's strict traits replace the local ones (INSi is the reference), the used name and first name stay.</li>
 *   <li>{@link #recordIdentityCheck}: traits checked against a high-trust document (or by the physicians' exception
 *       procedure); provisional becomes validated, retrieved becomes qualified.</li>
 *   <li>{@link #correctTraits}: changing a strict trait drops the evidence: the identity becomes provisional, or
 *       validated when the correction is made with a document in hand. Used name and first name changes keep the
 *       status.</li>
 *   <li>Doubtful and fictitious identities stay provisional and cannot use INSi.</li>
 *   <li>{@link #requireQualifiedIns()}: the gate other modules use before feeding the DMP or addressing the
 *       patient's MSSanté mailbox.</li>
 * </ul>
 *
 * <p>Patient data: {@link #toString()} masks the traits and the INS. Example: {@code PatientIdentityTest} in the
 * module's tests.
 */
public final class PatientIdentity {

    private final IdentityTraits traits;
    private final IdentityStatus status;
    private final Set<IdentityAttribute> attributes;
    private final InsiRetrieval insiRetrieval;
    private final Ins ins;
    private final IdentityCheck identityCheck;
    private final List<IdentityEvent> events;

    private PatientIdentity(IdentityTraits traits, IdentityStatus status, Set<IdentityAttribute> attributes,
                            Ins ins, InsiRetrieval insiRetrieval, IdentityCheck identityCheck,
                            List<IdentityEvent> events) {
        this.traits = traits;
        this.status = status;
        this.attributes = Collections.unmodifiableSet(attributes.isEmpty()
                ? EnumSet.noneOf(IdentityAttribute.class) : EnumSet.copyOf(attributes));
        this.ins = ins;
        this.insiRetrieval = insiRetrieval;
        this.identityCheck = identityCheck;
        this.events = List.copyOf(events);
    }

    /**
     * A new provisional identity.
     *
     * @param traits the traits collected
     * @param by     who created it
     * @param at     when
     * @return the identity
     */
    public static PatientIdentity provisional(IdentityTraits traits, Operator by, Instant at) {
        Objects.requireNonNull(traits, "traits");
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.CREATED, by, at, null, IdentityStatus.PROVISIONAL,
                "created");
        return new PatientIdentity(traits, IdentityStatus.PROVISIONAL, Set.of(), null, null, null, List.of(e));
    }

    /**
     * Rebuilds an identity from the vendor's storage, with an empty event list (the vendor keeps its own trail).
     *
     * @param traits     the traits
     * @param status     the stored status
     * @param ins        the INS, required for {@link IdentityStatus#RETRIEVED} and {@link IdentityStatus#QUALIFIED},
     *                   {@code null} otherwise
     * @param attributes the attributes, possibly empty
     * @return the identity
     * @throws IdentityRuleException with {@link IdentityRule#INCONSISTENT_STATE} or
     *                               {@link IdentityRule#DOUBTFUL_AND_FICTITIOUS_EXCLUSIVE} if the stored state breaks
     *                               the rules
     */
    public static PatientIdentity restore(IdentityTraits traits, IdentityStatus status, Ins ins,
                                          Set<IdentityAttribute> attributes) {
        Objects.requireNonNull(traits, "traits");
        Objects.requireNonNull(status, "status");
        Set<IdentityAttribute> attrs = attributes == null ? Set.of() : attributes;
        if (attrs.contains(IdentityAttribute.DOUBTFUL) && attrs.contains(IdentityAttribute.FICTITIOUS)) {
            throw new IdentityRuleException(IdentityRule.DOUBTFUL_AND_FICTITIOUS_EXCLUSIVE);
        }
        boolean restricted = attrs.contains(IdentityAttribute.DOUBTFUL) || attrs.contains(IdentityAttribute.FICTITIOUS);
        if (status.isInsiRetrieved() != (ins != null) || (restricted && status != IdentityStatus.PROVISIONAL)) {
            throw new IdentityRuleException(IdentityRule.INCONSISTENT_STATE);
        }
        return new PatientIdentity(traits, status, attrs, ins, null, null, List.of());
    }

    // ---------------------------------------------------------------------------------------------------- queries

    /** @return the traits */
    public IdentityTraits traits() {
        return traits;
    }

    /** @return the confidence status */
    public IdentityStatus status() {
        return status;
    }

    /** @return the attributes, possibly empty */
    public Set<IdentityAttribute> attributes() {
        return attributes;
    }

    /** @return the INS, present when retrieved or qualified; usable for sharing only when qualified */
    public Optional<Ins> ins() {
        return Optional.ofNullable(ins);
    }

    /** @return the INSi evidence recorded by this object's transitions (absent after {@link #restore}) */
    public Optional<InsiRetrieval> insiRetrieval() {
        return Optional.ofNullable(insiRetrieval);
    }

    /** @return the identity check recorded by this object's transitions (absent after {@link #restore}) */
    public Optional<IdentityCheck> identityCheck() {
        return Optional.ofNullable(identityCheck);
    }

    /** @return every event recorded since creation or restoration, oldest first */
    public List<IdentityEvent> events() {
        return events;
    }

    /** @return whether this identity may be searched or verified in INSi (not doubtful, not fictitious) */
    public boolean mayCallInsi() {
        return !isRestricted();
    }

    /**
     * The check the INSi client makes before any call.
     *
     * @throws IdentityRuleException with {@link IdentityRule#NO_INSI_FOR_DOUBTFUL_OR_FICTITIOUS}
     */
    public void requireInsiCallAllowed() {
        if (isRestricted()) {
            throw new IdentityRuleException(IdentityRule.NO_INSI_FOR_DOUBTFUL_OR_FICTITIOUS);
        }
    }

    /** @return whether the identity is qualified with an INS: the only case where the INS may be shared */
    public boolean mayShareIns() {
        return status == IdentityStatus.QUALIFIED && ins != null;
    }

    /** @return whether documents may be sent to the patient's DMP under this identity (qualified INS only) */
    public boolean mayFeedDmp() {
        return mayShareIns();
    }

    /** @return whether the patient's MSSanté mailbox may be addressed under this identity (qualified INS only) */
    public boolean mayAddressMssante() {
        return mayShareIns();
    }

    /**
     * The gate for sharing: the INS, only if the identity is qualified.
     *
     * @return the qualified INS
     * @throws IdentityRuleException with {@link IdentityRule#NOT_QUALIFIED} otherwise
     */
    public Ins requireQualifiedIns() {
        if (!mayShareIns()) {
            throw new IdentityRuleException(IdentityRule.NOT_QUALIFIED);
        }
        return ins;
    }

    // ------------------------------------------------------------------------------------------------ transitions

    /**
     * Accepts an INS found or verified through INSi. INSi's strict traits replace the local ones (the birth place is
     * kept when INSi returns none); the used name and used first name stay.
     *
     * @param retrieval the INSi evidence
     * @return the identity, retrieved (from provisional or retrieved) or qualified (from validated or qualified)
     * @throws IdentityRuleException with {@link IdentityRule#NO_INSI_FOR_DOUBTFUL_OR_FICTITIOUS}, or with
     *                               {@link IdentityRule#TRAITS_DIFFER_FROM_CHECKED_IDENTITY} (and the comparison) when
     *                               the identity was checked against a document and INSi's traits do not match
     */
    public PatientIdentity acceptInsiRetrieval(InsiRetrieval retrieval) {
        Objects.requireNonNull(retrieval, "retrieval");
        requireInsiCallAllowed();
        if (status.isDocumentChecked()) {
            TraitComparison c = TraitComparison.compare(traits, retrieval.traits());
            if (!c.matches()) {
                throw new IdentityRuleException(IdentityRule.TRAITS_DIFFER_FROM_CHECKED_IDENTITY, c);
            }
        }
        IdentityTraits returned = retrieval.traits();
        IdentityTraits.Builder merged = returned.toBuilder()
                .usedName(traits.usedName().orElse(null))
                .usedFirstName(traits.usedFirstName().orElse(null));
        if (returned.birthPlace().isEmpty()) {
            merged.birthPlace(traits.birthPlace().orElse(null));
        }
        IdentityStatus next = IdentityStatus.of(true, status.isDocumentChecked());
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.INSI_RETRIEVED, retrieval.by(), retrieval.at(), status,
                next, retrieval.operation() + ", " + retrieval.ins().authority().label());
        return new PatientIdentity(merged.build(), next, attributes, retrieval.ins(), retrieval, identityCheck,
                append(e));
    }

    /**
     * Records that the current traits were checked against a high-trust document, or by the physicians' exception
     * procedure.
     *
     * @param check the evidence (already refused if not acceptable, see {@link IdentityCheck})
     * @return the identity, validated (from provisional or validated) or qualified (from retrieved or qualified)
     * @throws IdentityRuleException with {@link IdentityRule#DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL}
     */
    public PatientIdentity recordIdentityCheck(IdentityCheck check) {
        Objects.requireNonNull(check, "check");
        if (isRestricted()) {
            throw new IdentityRuleException(IdentityRule.DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL);
        }
        IdentityStatus next = IdentityStatus.of(status.isInsiRetrieved(), true);
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.IDENTITY_CHECKED, check.checkedBy(), check.at(),
                status, next, describe(check));
        return new PatientIdentity(traits, next, attributes, ins, insiRetrieval, check, append(e));
    }

    /**
     * Corrects the traits. Changing a strict trait drops the INS and the evidence: the identity becomes
     * provisional. Changing only the used name or used first name keeps the status.
     *
     * @param corrected the corrected traits
     * @param by        who corrected them
     * @param at        when
     * @return the identity
     */
    public PatientIdentity correctTraits(IdentityTraits corrected, Operator by, Instant at) {
        Objects.requireNonNull(corrected, "corrected");
        if (corrected.sameStrictTraits(traits)) {
            IdentityEvent e = new IdentityEvent(IdentityEvent.Type.TRAITS_CORRECTED, by, at, status, status,
                    "used name or used first name");
            return new PatientIdentity(corrected, status, attributes, ins, insiRetrieval, identityCheck, append(e));
        }
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.TRAITS_CORRECTED, by, at, status,
                IdentityStatus.PROVISIONAL, "strict traits: " + changed(traits, corrected));
        return new PatientIdentity(corrected, IdentityStatus.PROVISIONAL, attributes, null, null, null, append(e));
    }

    /**
     * Corrects the traits with an identity document in hand: the INS and the INSi evidence are dropped, and the
     * identity is validated by the check (then a new INSi retrieval qualifies it again).
     *
     * @param corrected the corrected traits, as read on the document
     * @param check     the check against the document
     * @return the identity, validated
     * @throws IdentityRuleException with {@link IdentityRule#DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL}
     */
    public PatientIdentity correctTraits(IdentityTraits corrected, IdentityCheck check) {
        Objects.requireNonNull(check, "check");
        if (isRestricted()) {
            throw new IdentityRuleException(IdentityRule.DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL);
        }
        if (corrected.sameStrictTraits(traits)) {
            return correctTraits(corrected, check.checkedBy(), check.at()).recordIdentityCheck(check);
        }
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.TRAITS_CORRECTED, check.checkedBy(), check.at(),
                status, IdentityStatus.VALIDATED, "strict traits: " + changed(traits, corrected) + "; "
                + describe(check));
        return new PatientIdentity(corrected, IdentityStatus.VALIDATED, attributes, null, null, check, append(e));
    }

    /**
     * Adds an attribute.
     *
     * @param attribute the attribute
     * @param by        who added it
     * @param at        when
     * @return the identity
     * @throws IdentityRuleException with {@link IdentityRule#DOUBTFUL_AND_FICTITIOUS_EXCLUSIVE}, or with
     *                               {@link IdentityRule#DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL} when adding doubtful
     *                               or fictitious to an identity that is not provisional ({@link #downgradeToProvisional}
     *                               it first)
     */
    public PatientIdentity addAttribute(IdentityAttribute attribute, Operator by, Instant at) {
        Objects.requireNonNull(attribute, "attribute");
        if (attribute != IdentityAttribute.HOMONYM) {
            IdentityAttribute other = attribute == IdentityAttribute.DOUBTFUL
                    ? IdentityAttribute.FICTITIOUS : IdentityAttribute.DOUBTFUL;
            if (attributes.contains(other)) {
                throw new IdentityRuleException(IdentityRule.DOUBTFUL_AND_FICTITIOUS_EXCLUSIVE);
            }
            if (status != IdentityStatus.PROVISIONAL) {
                throw new IdentityRuleException(IdentityRule.DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL);
            }
        }
        Set<IdentityAttribute> next = EnumSet.noneOf(IdentityAttribute.class);
        next.addAll(attributes);
        next.add(attribute);
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.ATTRIBUTE_ADDED, by, at, status, status,
                attribute.name());
        return new PatientIdentity(traits, status, next, ins, insiRetrieval, identityCheck, append(e));
    }

    /**
     * Removes an attribute.
     *
     * @param attribute the attribute
     * @param by        who removed it
     * @param at        when
     * @return the identity
     */
    public PatientIdentity removeAttribute(IdentityAttribute attribute, Operator by, Instant at) {
        Objects.requireNonNull(attribute, "attribute");
        Set<IdentityAttribute> next = EnumSet.noneOf(IdentityAttribute.class);
        next.addAll(attributes);
        next.remove(attribute);
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.ATTRIBUTE_REMOVED, by, at, status, status,
                attribute.name());
        return new PatientIdentity(traits, status, next, ins, insiRetrieval, identityCheck, append(e));
    }

    /**
     * Brings the identity back to provisional, dropping the INS and the evidence (for example when a doubt arises).
     *
     * @param by who did it
     * @param at when
     * @return the identity, provisional
     */
    public PatientIdentity downgradeToProvisional(Operator by, Instant at) {
        IdentityEvent e = new IdentityEvent(IdentityEvent.Type.DOWNGRADED, by, at, status,
                IdentityStatus.PROVISIONAL, "evidence dropped");
        return new PatientIdentity(traits, IdentityStatus.PROVISIONAL, attributes, null, null, null, append(e));
    }

    // -------------------------------------------------------------------------------------------------- internals

    private boolean isRestricted() {
        return attributes.contains(IdentityAttribute.DOUBTFUL) || attributes.contains(IdentityAttribute.FICTITIOUS);
    }

    private List<IdentityEvent> append(IdentityEvent e) {
        List<IdentityEvent> next = new ArrayList<>(events);
        next.add(e);
        return next;
    }

    private static String describe(IdentityCheck check) {
        return check.method() == IdentityCheck.Method.PHYSICIAN_EXCEPTION ? "physician exception procedure"
                : "document " + check.documentType().orElseThrow()
                + check.specialCase().map(s -> ", special case " + s).orElse("");
    }

    private static String changed(IdentityTraits before, IdentityTraits after) {
        List<String> names = new ArrayList<>();
        for (TraitComparison.Difference d : TraitComparison.compare(before, after).differences()) {
            names.add(d.trait().name());
        }
        return String.join(", ", names);
    }

    /** @return the status, the attributes and the INS authority: never the traits or the matricule */
    @Override
    public String toString() {
        return "PatientIdentity{" + status.code() + ", attributes=" + attributes + ", ins="
                + (ins == null ? "absent" : ins.toString()) + ", traits masked, events=" + events.size() + "}";
    }
}
