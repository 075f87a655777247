package io.segursdk.ins;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.Violations;
import io.segursdk.ins.internal.InsText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's identity traits: the INS's strict traits (birth name, ordered birth first names, sex, birth date, birth
 * place) and, kept apart, the used name and used first name.
 *
 * <p>Built with {@link #builder()}: names are normalised to the INS alphabet (see {@link InsNames}) and every
 * violation is reported at once, naming the field and the rule, never the value. Required: birth name, at least one
 * birth first name, sex, birth date. The birth place is optional, as INSi may return traits without it.
 *
 * <p>Immutable and thread-safe. Patient data: {@link #toString()} masks every trait.
 * Example: {@code IdentityTraitsTest#buildsNormalisedTraits} in the module's tests.
 */
public final class IdentityTraits {

    private final String birthName;
    private final List<String> birthFirstNames;
    private final Sex sex;
    private final BirthDate birthDate;
    private final BirthPlace birthPlace;
    private final String usedName;
    private final String usedFirstName;

    private IdentityTraits(String birthName, List<String> firstNames, Sex sex, BirthDate birthDate,
                           BirthPlace birthPlace, String usedName, String usedFirstName) {
        this.birthName = birthName;
        this.birthFirstNames = List.copyOf(firstNames);
        this.sex = sex;
        this.birthDate = birthDate;
        this.birthPlace = birthPlace;
        this.usedName = usedName;
        this.usedFirstName = usedFirstName;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these traits, to change some of them */
    public Builder toBuilder() {
        Builder b = new Builder()
                .birthName(birthName)
                .birthFirstNames(birthFirstNames)
                .sex(sex)
                .birthDate(birthDate)
                .birthPlace(birthPlace);
        b.usedName = usedName;
        b.usedFirstName = usedFirstName;
        return b;
    }

    /** @return the birth name (nom de naissance), normalised */
    public String birthName() {
        return birthName;
    }

    /** @return the birth first names (prénoms de naissance), normalised, in civil-status order, at least one */
    public List<String> birthFirstNames() {
        return birthFirstNames;
    }

    /** @return the first birth first name (premier prénom de naissance) */
    public String firstBirthFirstName() {
        return birthFirstNames.get(0);
    }

    /** @return the birth first names joined by single spaces, as INSi's {@code ListePrenom} carries them */
    public String birthFirstNamesList() {
        return String.join(" ", birthFirstNames);
    }

    /** @return the sex */
    public Sex sex() {
        return sex;
    }

    /** @return the birth date, possibly partial */
    public BirthDate birthDate() {
        return birthDate;
    }

    /** @return the birth place (COG code), when known */
    public Optional<BirthPlace> birthPlace() {
        return Optional.ofNullable(birthPlace);
    }

    /** @return the used name (nom utilisé), when it differs from the birth name or was recorded */
    public Optional<String> usedName() {
        return Optional.ofNullable(usedName);
    }

    /** @return the used first name (prénom utilisé), when recorded */
    public Optional<String> usedFirstName() {
        return Optional.ofNullable(usedFirstName);
    }

    /**
     * Whether the strict traits (birth name, birth first names, sex, birth date, birth place) are the same; the used
     * name and used first name are not compared.
     *
     * @param other the other traits
     * @return whether the five strict traits are equal
     */
    public boolean sameStrictTraits(IdentityTraits other) {
        return birthName.equals(other.birthName) && birthFirstNames.equals(other.birthFirstNames)
                && sex == other.sex && birthDate.equals(other.birthDate)
                && Objects.equals(birthPlace, other.birthPlace);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityTraits t && sameStrictTraits(t) && Objects.equals(usedName, t.usedName)
                && Objects.equals(usedFirstName, t.usedFirstName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(birthName, birthFirstNames, sex, birthDate, birthPlace, usedName, usedFirstName);
    }

    /** @return a masked form: only how many first names there are and which optional traits are present */
    @Override
    public String toString() {
        return "IdentityTraits{birthName=***, birthFirstNames=" + birthFirstNames.size() + " masked, sex=*, "
                + "birthDate=****-**-**, birthPlace=" + (birthPlace == null ? "absent" : "*****")
                + ", usedName=" + (usedName == null ? "absent" : "***")
                + ", usedFirstName=" + (usedFirstName == null ? "absent" : "***") + "}";
    }

    /**
     * Collects traits as typed or received; {@link #build()} normalises and validates them all at once.
     * Not thread-safe; build, then share the immutable result.
     */
    public static final class Builder {

        private String birthName;
        private List<String> birthFirstNames = List.of();
        private Sex sex;
        private String sexCode;
        private boolean sexCodeGiven;
        private String birthDateText;
        private BirthDate birthDate;
        private String birthPlaceText;
        private BirthPlace birthPlace;
        private String usedName;
        private String usedFirstName;

        private Builder() {
        }

        /**
         * @param birthName the birth name (nom de naissance), normalised on build
         * @return this builder
         */
        public Builder birthName(String birthName) {
            this.birthName = birthName;
            return this;
        }

        /**
         * @param firstNames the birth first names, one per element, in civil-status order; normalised on build
         * @return this builder
         */
        public Builder birthFirstNames(List<String> firstNames) {
            this.birthFirstNames = firstNames == null ? List.of() : new ArrayList<>(firstNames);
            return this;
        }

        /**
         * @param firstNames the birth first names, one per argument, in civil-status order; normalised on build
         * @return this builder
         */
        public Builder birthFirstNames(String... firstNames) {
            return birthFirstNames(firstNames == null ? null : Arrays.asList(firstNames));
        }

        /**
         * Sets the birth first names from a space-separated list, as INSi's {@code ListePrenom} carries them.
         *
         * @param list the first names separated by spaces (a compound first name keeps its hyphen)
         * @return this builder
         */
        public Builder birthFirstNamesList(String list) {
            if (list == null || list.isBlank()) {
                return birthFirstNames(List.of());
            }
            return birthFirstNames(Arrays.asList(list.strip().split("\\s+")));
        }

        /**
         * @param sex the sex
         * @return this builder
         */
        public Builder sex(Sex sex) {
            this.sex = sex;
            this.sexCodeGiven = false;
            return this;
        }

        /**
         * @param code the sex as a one-letter code, {@code M}, {@code F} or {@code I}
         * @return this builder
         */
        public Builder sex(String code) {
            this.sexCode = code;
            this.sexCodeGiven = true;
            return this;
        }

        /**
         * @param birthDate the birth date
         * @return this builder
         */
        public Builder birthDate(BirthDate birthDate) {
            this.birthDate = birthDate;
            this.birthDateText = null;
            return this;
        }

        /**
         * @param birthDate the birth date as {@code YYYY-MM-DD}, partial and lunar forms allowed (see
         *                  {@link BirthDate})
         * @return this builder
         */
        public Builder birthDate(String birthDate) {
            this.birthDateText = birthDate;
            this.birthDate = null;
            return this;
        }

        /**
         * @param birthPlace the birth place, or {@code null} when unknown to the caller
         * @return this builder
         */
        public Builder birthPlace(BirthPlace birthPlace) {
            this.birthPlace = birthPlace;
            this.birthPlaceText = null;
            return this;
        }

        /**
         * @param cog the birth place as a 5-character COG code, or {@code null}
         * @return this builder
         */
        public Builder birthPlace(String cog) {
            this.birthPlaceText = cog;
            this.birthPlace = null;
            return this;
        }

        /**
         * @param usedName the used name (nom utilisé), or {@code null}; normalised on build
         * @return this builder
         */
        public Builder usedName(String usedName) {
            this.usedName = usedName;
            return this;
        }

        /**
         * @param usedFirstName the used first name (prénom utilisé), or {@code null}; normalised on build
         * @return this builder
         */
        public Builder usedFirstName(String usedFirstName) {
            this.usedFirstName = usedFirstName;
            return this;
        }

        /**
         * Normalises and validates the traits.
         *
         * @return the traits
         * @throws InvalidRequestException listing every violation, each naming the field and the rule
         */
        public IdentityTraits build() {
            Violations v = new Violations();
            String name = normalize(birthName, true, "birthName", v);
            List<String> firstNames = new ArrayList<>();
            if (birthFirstNames.isEmpty()) {
                v.add("birthFirstNames", "at least one birth first name is required");
            }
            for (int i = 0; i < birthFirstNames.size(); i++) {
                firstNames.add(normalize(birthFirstNames.get(i), false, "birthFirstNames[" + i + "]", v));
            }
            Sex s = sex;
            if (sexCodeGiven) {
                s = sexCode == null || sexCode.isBlank() ? null : Sex.fromCode(sexCode).orElse(null);
                if (s == null && sexCode != null && !sexCode.isBlank()) {
                    v.add("sex", "must be M, F or I");
                } else if (s == null) {
                    v.add("sex", "is required");
                }
            } else if (s == null) {
                v.add("sex", "is required");
            }
            BirthDate date = birthDate;
            if (date == null) {
                date = BirthDate.check(birthDateText, "birthDate", false, v);
            }
            BirthPlace place = birthPlace;
            if (place == null && birthPlaceText != null && !birthPlaceText.isBlank()) {
                place = BirthPlace.check(birthPlaceText, "birthPlace", v);
            }
            String used = usedName == null || usedName.isBlank() ? null : normalize(usedName, true, "usedName", v);
            String usedFirst = usedFirstName == null || usedFirstName.isBlank() ? null
                    : normalize(usedFirstName, true, "usedFirstName", v);
            v.throwIfAny();
            return new IdentityTraits(name, firstNames, s, date, place, used, usedFirst);
        }

        private static String normalize(String raw, boolean allowSpaces, String field, Violations v) {
            InsText.Outcome o = InsText.normalize(raw, allowSpaces);
            if (!o.ok()) {
                v.add(field, o.rule());
            }
            return o.value();
        }
    }
}
