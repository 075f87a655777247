package io.segursdk.ins;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An explainable comparison of local traits with reference traits (typically those returned by INSi): which strict
 * trait differs and how, never the values themselves.
 *
 * <p>Chosen reading (to check against the INS implementation guide): a missing birth place on either side, and a
 * local first-name list that is the beginning of the reference list (the first first name being the same), are
 * reported but do not prevent a match; any other difference does.
 */
public final class TraitComparison {

    /** The strict traits compared. */
    public enum Trait {
        /** Nom de naissance. */
        BIRTH_NAME,
        /** Premier prénom de naissance. */
        FIRST_BIRTH_FIRST_NAME,
        /** Liste des prénoms de naissance. */
        BIRTH_FIRST_NAMES,
        /** Sexe. */
        SEX,
        /** Date de naissance. */
        BIRTH_DATE,
        /** Lieu de naissance. */
        BIRTH_PLACE
    }

    /** How a trait differs. */
    public enum Kind {
        /** The values differ. */
        DIFFERENT(true),
        /** The values differ only by spaces, apostrophes or hyphens. */
        DIFFERS_ONLY_IN_SEPARATORS(true),
        /** The local list holds the first names of the reference list, in order, but not all of them. */
        INCOMPLETE_LOCALLY(false),
        /** The trait is known locally, absent from the reference. */
        ABSENT_IN_REFERENCE(false),
        /** The trait is absent locally, known in the reference. */
        ABSENT_LOCALLY(false);

        private final boolean blocking;

        Kind(boolean blocking) {
            this.blocking = blocking;
        }

        /** @return whether this difference prevents a match */
        public boolean isBlocking() {
            return blocking;
        }
    }

    /**
     * One difference.
     *
     * @param trait the trait
     * @param kind  how it differs
     */
    public record Difference(Trait trait, Kind kind) {
        /** Checks both parts are present. */
        public Difference {
            Objects.requireNonNull(trait, "trait");
            Objects.requireNonNull(kind, "kind");
        }
    }

    private final List<Difference> differences;

    private TraitComparison(List<Difference> differences) {
        this.differences = List.copyOf(differences);
    }

    /**
     * Compares the strict traits.
     *
     * @param local     the traits recorded locally
     * @param reference the reference traits, for example those INSi returned
     * @return the comparison
     */
    public static TraitComparison compare(IdentityTraits local, IdentityTraits reference) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(reference, "reference");
        List<Difference> d = new ArrayList<>();
        names(Trait.BIRTH_NAME, local.birthName(), reference.birthName(), d);
        names(Trait.FIRST_BIRTH_FIRST_NAME, local.firstBirthFirstName(), reference.firstBirthFirstName(), d);
        List<String> lf = local.birthFirstNames();
        List<String> rf = reference.birthFirstNames();
        if (!lf.equals(rf)) {
            boolean prefix = lf.size() < rf.size() && rf.subList(0, lf.size()).equals(lf);
            if (prefix) {
                d.add(new Difference(Trait.BIRTH_FIRST_NAMES, Kind.INCOMPLETE_LOCALLY));
            } else {
                names(Trait.BIRTH_FIRST_NAMES, local.birthFirstNamesList(), reference.birthFirstNamesList(), d);
            }
        }
        if (local.sex() != reference.sex()) {
            d.add(new Difference(Trait.SEX, Kind.DIFFERENT));
        }
        if (!local.birthDate().equals(reference.birthDate())) {
            d.add(new Difference(Trait.BIRTH_DATE, Kind.DIFFERENT));
        }
        Optional<BirthPlace> lp = local.birthPlace();
        Optional<BirthPlace> rp = reference.birthPlace();
        if (lp.isPresent() && rp.isEmpty()) {
            d.add(new Difference(Trait.BIRTH_PLACE, Kind.ABSENT_IN_REFERENCE));
        } else if (lp.isEmpty() && rp.isPresent()) {
            d.add(new Difference(Trait.BIRTH_PLACE, Kind.ABSENT_LOCALLY));
        } else if (!lp.equals(rp)) {
            d.add(new Difference(Trait.BIRTH_PLACE, Kind.DIFFERENT));
        }
        return new TraitComparison(d);
    }

    private static void names(Trait trait, String local, String reference, List<Difference> d) {
        if (local.equals(reference)) {
            return;
        }
        boolean separatorsOnly = lettersOf(local).equals(lettersOf(reference));
        d.add(new Difference(trait, separatorsOnly ? Kind.DIFFERS_ONLY_IN_SEPARATORS : Kind.DIFFERENT));
    }

    private static String lettersOf(String s) {
        return s.replaceAll("[^A-Z]", "");
    }

    /** @return every difference found, blocking or not, in trait order */
    public List<Difference> differences() {
        return differences;
    }

    /** @return the differences that prevent a match */
    public List<Difference> blockingDifferences() {
        return differences.stream().filter(x -> x.kind().isBlocking()).toList();
    }

    /** @return whether the traits match: no blocking difference */
    public boolean matches() {
        return blockingDifferences().isEmpty();
    }

    /** @return whether the traits are exactly the same */
    public boolean identical() {
        return differences.isEmpty();
    }

    /** @return the differences, naming traits only (no values) */
    @Override
    public String toString() {
        return "TraitComparison{" + (matches() ? "matches" : "differs") + ", " + differences + "}";
    }
}
