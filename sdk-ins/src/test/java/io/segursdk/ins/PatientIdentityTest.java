package io.segursdk.ins;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PatientIdentityTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-02T09:05:00Z");
    private static final Operator SECRETARY = new Operator(OperatorRole.DELEGATED_STAFF, "cpe-0042");
    private static final Operator DOCTOR = new Operator(OperatorRole.PHYSICIAN, "rpps-10000000001");
    private static final Ins INS = Ins.of("293016912304543", InsAuthority.NIR_TEST);

    /** The traits as typed at the desk: only the first first name, no birth place. */
    private static IdentityTraits typed() {
        return IdentityTraits.builder().birthName("Lacombe").birthFirstNames("Odile").sex(Sex.F)
                .birthDate("1993-01-16").usedName("Martinvaux").build();
    }

    /** The traits INSi would return for them. */
    private static IdentityTraits fromInsi() {
        return IdentityTraits.builder().birthName("LACOMBE").birthFirstNamesList("ODILE MARGAUX").sex(Sex.F)
                .birthDate("1993-01-16").birthPlace("69123").build();
    }

    private static InsiRetrieval retrieval(IdentityTraits traits) {
        return new InsiRetrieval(InsiRetrieval.Operation.SEARCH_BY_TRAITS, INS, traits, List.of(), SECRETARY, T1);
    }

    private static IdentityCheck passport() {
        return IdentityCheck.document(IdentityDocumentType.PASSPORT, SECRETARY, T1);
    }

    @Test
    void newIdentityIsProvisionalAndCannotBeShared() {
        PatientIdentity id = PatientIdentity.provisional(typed(), SECRETARY, T0);

        assertThat(id.status()).isEqualTo(IdentityStatus.PROVISIONAL);
        assertThat(id.ins()).isEmpty();
        assertThat(id.mayFeedDmp()).isFalse();
        assertThat(id.mayCallInsi()).isTrue();
        assertThat(id.events()).extracting(IdentityEvent::type).containsExactly(IdentityEvent.Type.CREATED);
    }

    @Test
    void insiMatchMakesItRetrievedWithInsiTraits() {
        PatientIdentity id = PatientIdentity.provisional(typed(), SECRETARY, T0).acceptInsiRetrieval(retrieval(fromInsi()));

        assertThat(id.status()).isEqualTo(IdentityStatus.RETRIEVED);
        assertThat(id.ins()).contains(INS);
        assertThat(id.traits().birthFirstNames()).containsExactly("ODILE", "MARGAUX");
        assertThat(id.traits().birthPlace()).map(BirthPlace::code).contains("69123");
        assertThat(id.traits().usedName()).contains("MARTINVAUX");
        assertThat(id.mayShareIns()).isFalse();
        IdentityEvent e = id.events().get(1);
        assertThat(e.type()).isEqualTo(IdentityEvent.Type.INSI_RETRIEVED);
        assertThat(e.from()).isEqualTo(IdentityStatus.PROVISIONAL);
        assertThat(e.to()).isEqualTo(IdentityStatus.RETRIEVED);
        assertThat(e.by()).isEqualTo(SECRETARY);
        assertThat(e.at()).isEqualTo(T1);
    }

    @Test
    void documentCheckMakesItValidated() {
        PatientIdentity id = PatientIdentity.provisional(typed(), SECRETARY, T0).recordIdentityCheck(passport());

        assertThat(id.status()).isEqualTo(IdentityStatus.VALIDATED);
        assertThat(id.mayFeedDmp()).isFalse();
        assertThat(id.identityCheck()).contains(passport());
    }

    @Test
    void retrievedThenCheckedIsQualifiedAndGivesItsIns() {
        PatientIdentity id = PatientIdentity.provisional(typed(), SECRETARY, T0)
                .acceptInsiRetrieval(retrieval(fromInsi()))
                .recordIdentityCheck(passport());

        assertThat(id.status()).isEqualTo(IdentityStatus.QUALIFIED);
        assertThat(id.mayFeedDmp()).isTrue();
        assertThat(id.mayAddressMssante()).isTrue();
        assertThat(id.requireQualifiedIns()).isEqualTo(INS);
        assertThat(id.events()).extracting(IdentityEvent::to).containsExactly(IdentityStatus.PROVISIONAL,
                IdentityStatus.RETRIEVED, IdentityStatus.QUALIFIED);
        assertThat(id.events().get(2).detail()).isEqualTo("document PASSPORT");
    }

    @Test
    void validatedThenMatchingInsiIsQualified() {
        PatientIdentity validated = PatientIdentity.provisional(fromInsi(), SECRETARY, T0).recordIdentityCheck(passport());

        PatientIdentity id = validated.acceptInsiRetrieval(retrieval(fromInsi()));

        assertThat(id.status()).isEqualTo(IdentityStatus.QUALIFIED);
    }

    @Test
    void validatedIdentityRefusesInsiTraitsThatDiffer() {
        PatientIdentity validated = PatientIdentity.provisional(fromInsi(), SECRETARY, T0).recordIdentityCheck(passport());
        IdentityTraits otherDate = fromInsi().toBuilder().birthDate("1993-01-17").build();

        IdentityRuleException e = catchThrowableOfType(
                () -> validated.acceptInsiRetrieval(retrieval(otherDate)), IdentityRuleException.class);

        assertThat(e.identityRule()).isEqualTo(IdentityRule.TRAITS_DIFFER_FROM_CHECKED_IDENTITY);
        assertThat(e.comparison()).get().extracting(TraitComparison::blockingDifferences).asList()
                .containsExactly(new TraitComparison.Difference(TraitComparison.Trait.BIRTH_DATE,
                        TraitComparison.Kind.DIFFERENT));
        assertThat(e.getMessage()).doesNotContain("1993");
        assertThat(validated.status()).isEqualTo(IdentityStatus.VALIDATED);
    }

    @Test
    void physicianExceptionProcedureQualifies() {
        PatientIdentity id = PatientIdentity.provisional(typed(), DOCTOR, T0)
                .acceptInsiRetrieval(retrieval(fromInsi()))
                .recordIdentityCheck(IdentityCheck.physicianException(DOCTOR, T1));

        assertThat(id.status()).isEqualTo(IdentityStatus.QUALIFIED);
        assertThat(id.events().get(2).detail()).isEqualTo("physician exception procedure");
    }

    @Test
    void changingAStrictTraitDowngradesToProvisional() {
        PatientIdentity qualified = qualified();
        IdentityTraits corrected = qualified.traits().toBuilder().birthName("LACOMBES").build();

        PatientIdentity id = qualified.correctTraits(corrected, SECRETARY, T1);

        assertThat(id.status()).isEqualTo(IdentityStatus.PROVISIONAL);
        assertThat(id.ins()).isEmpty();
        assertThat(id.identityCheck()).isEmpty();
        assertThat(id.mayFeedDmp()).isFalse();
        assertThat(id.events().get(id.events().size() - 1).detail()).isEqualTo("strict traits: BIRTH_NAME");
    }

    @Test
    void correctingWithADocumentInHandKeepsItValidated() {
        PatientIdentity qualified = qualified();
        IdentityTraits corrected = qualified.traits().toBuilder().birthDate("1993-01-17").build();

        PatientIdentity id = qualified.correctTraits(corrected, passport());

        assertThat(id.status()).isEqualTo(IdentityStatus.VALIDATED);
        assertThat(id.ins()).isEmpty();
    }

    @Test
    void changingTheUsedNameKeepsTheStatus() {
        PatientIdentity qualified = qualified();
        IdentityTraits corrected = qualified.traits().toBuilder().usedName("VAUX").build();

        PatientIdentity id = qualified.correctTraits(corrected, SECRETARY, T1);

        assertThat(id.status()).isEqualTo(IdentityStatus.QUALIFIED);
        assertThat(id.requireQualifiedIns()).isEqualTo(INS);
        assertThat(id.traits().usedName()).contains("VAUX");
    }

    @Test
    void doubtfulIdentityCannotCallInsiNorBeChecked() {
        PatientIdentity doubtful = PatientIdentity.provisional(typed(), SECRETARY, T0)
                .addAttribute(IdentityAttribute.DOUBTFUL, SECRETARY, T1);

        assertThat(doubtful.mayCallInsi()).isFalse();
        assertThat(catchThrowableOfType(doubtful::requireInsiCallAllowed, IdentityRuleException.class).identityRule())
                .isEqualTo(IdentityRule.NO_INSI_FOR_DOUBTFUL_OR_FICTITIOUS);
        assertThat(catchThrowableOfType(() -> doubtful.acceptInsiRetrieval(retrieval(fromInsi())),
                IdentityRuleException.class).identityRule()).isEqualTo(IdentityRule.NO_INSI_FOR_DOUBTFUL_OR_FICTITIOUS);
        assertThat(catchThrowableOfType(() -> doubtful.recordIdentityCheck(passport()),
                IdentityRuleException.class).identityRule())
                .isEqualTo(IdentityRule.DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL);
    }

    @Test
    void fictitiousIdentityCannotCallInsi() {
        PatientIdentity fictitious = PatientIdentity.provisional(typed(), SECRETARY, T0)
                .addAttribute(IdentityAttribute.FICTITIOUS, SECRETARY, T1);

        assertThat(fictitious.mayCallInsi()).isFalse();
        assertThat(catchThrowableOfType(() -> fictitious.acceptInsiRetrieval(retrieval(fromInsi())),
                IdentityRuleException.class)).isNotNull();
    }

    @Test
    void doubtCannotBeAddedToANonProvisionalIdentityWithoutDowngrade() {
        PatientIdentity qualified = qualified();

        assertThat(catchThrowableOfType(() -> qualified.addAttribute(IdentityAttribute.DOUBTFUL, SECRETARY, T1),
                IdentityRuleException.class).identityRule())
                .isEqualTo(IdentityRule.DOUBTFUL_OR_FICTITIOUS_STAYS_PROVISIONAL);

        PatientIdentity doubtful = qualified.downgradeToProvisional(SECRETARY, T1)
                .addAttribute(IdentityAttribute.DOUBTFUL, SECRETARY, T1);
        assertThat(doubtful.status()).isEqualTo(IdentityStatus.PROVISIONAL);
        assertThat(doubtful.ins()).isEmpty();
        assertThat(doubtful.attributes()).containsExactly(IdentityAttribute.DOUBTFUL);
    }

    @Test
    void doubtfulAndFictitiousAreExclusive() {
        PatientIdentity doubtful = PatientIdentity.provisional(typed(), SECRETARY, T0)
                .addAttribute(IdentityAttribute.DOUBTFUL, SECRETARY, T1);

        assertThat(catchThrowableOfType(() -> doubtful.addAttribute(IdentityAttribute.FICTITIOUS, SECRETARY, T1),
                IdentityRuleException.class).identityRule()).isEqualTo(IdentityRule.DOUBTFUL_AND_FICTITIOUS_EXCLUSIVE);
    }

    @Test
    void homonymGoesWithAnyStatusAndWithDoubt() {
        PatientIdentity q = qualified().addAttribute(IdentityAttribute.HOMONYM, SECRETARY, T1);
        assertThat(q.status()).isEqualTo(IdentityStatus.QUALIFIED);
        assertThat(q.mayFeedDmp()).isTrue();

        PatientIdentity both = PatientIdentity.provisional(typed(), SECRETARY, T0)
                .addAttribute(IdentityAttribute.HOMONYM, SECRETARY, T1)
                .addAttribute(IdentityAttribute.DOUBTFUL, SECRETARY, T1);
        assertThat(both.attributes()).containsExactlyInAnyOrder(IdentityAttribute.HOMONYM, IdentityAttribute.DOUBTFUL);
    }

    @Test
    void removingTheDoubtAllowsInsiAgain() {
        PatientIdentity id = PatientIdentity.provisional(typed(), SECRETARY, T0)
                .addAttribute(IdentityAttribute.DOUBTFUL, SECRETARY, T1)
                .removeAttribute(IdentityAttribute.DOUBTFUL, SECRETARY, T1);

        assertThat(id.mayCallInsi()).isTrue();
        assertThat(id.acceptInsiRetrieval(retrieval(fromInsi())).status()).isEqualTo(IdentityStatus.RETRIEVED);
    }

    @Test
    void gateRefusesEveryStatusButQualified() {
        PatientIdentity prov = PatientIdentity.provisional(typed(), SECRETARY, T0);
        for (PatientIdentity id : List.of(prov, prov.acceptInsiRetrieval(retrieval(fromInsi())),
                prov.recordIdentityCheck(passport()))) {
            IdentityRuleException e = catchThrowableOfType(id::requireQualifiedIns, IdentityRuleException.class);
            assertThat(e.identityRule()).as(id.status().code()).isEqualTo(IdentityRule.NOT_QUALIFIED);
            assertThat(e.violations()).hasSize(1);
            assertThat(id.mayAddressMssante()).isFalse();
        }
    }

    @Test
    void restoreChecksConsistency() {
        assertThat(PatientIdentity.restore(fromInsi(), IdentityStatus.QUALIFIED, INS, Set.of()).requireQualifiedIns())
                .isEqualTo(INS);
        assertThat(catchThrowableOfType(() -> PatientIdentity.restore(fromInsi(), IdentityStatus.QUALIFIED, null,
                Set.of()), IdentityRuleException.class).identityRule()).isEqualTo(IdentityRule.INCONSISTENT_STATE);
        assertThat(catchThrowableOfType(() -> PatientIdentity.restore(fromInsi(), IdentityStatus.VALIDATED, INS,
                Set.of()), IdentityRuleException.class).identityRule()).isEqualTo(IdentityRule.INCONSISTENT_STATE);
        assertThat(catchThrowableOfType(() -> PatientIdentity.restore(fromInsi(), IdentityStatus.RETRIEVED, INS,
                Set.of(IdentityAttribute.FICTITIOUS)), IdentityRuleException.class).identityRule())
                .isEqualTo(IdentityRule.INCONSISTENT_STATE);
        assertThat(catchThrowableOfType(() -> PatientIdentity.restore(fromInsi(), IdentityStatus.PROVISIONAL, null,
                Set.of(IdentityAttribute.FICTITIOUS, IdentityAttribute.DOUBTFUL)), IdentityRuleException.class)
                .identityRule()).isEqualTo(IdentityRule.DOUBTFUL_AND_FICTITIOUS_EXCLUSIVE);
    }

    @Test
    void toStringMasksTraitsAndIns() {
        String s = qualified().toString();

        assertThat(s).contains("QUAL").contains("INS-NIR-TEST").doesNotContain("LACOMBE").doesNotContain("ODILE")
                .doesNotContain("2930169").doesNotContain("1993").doesNotContain("69123");
        assertThat(retrieval(fromInsi()).toString()).doesNotContain("LACOMBE").doesNotContain("2930169");
    }

    @Test
    void statusCodes() {
        assertThat(List.of(IdentityStatus.values())).extracting(IdentityStatus::code)
                .containsExactly("PROV", "RECUP", "VALI", "QUAL");
    }

    private static PatientIdentity qualified() {
        return PatientIdentity.provisional(typed(), SECRETARY, T0)
                .acceptInsiRetrieval(retrieval(fromInsi()))
                .recordIdentityCheck(passport());
    }
}
