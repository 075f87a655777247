package io.segursdk.testkit.insi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A test identity known to the {@link InsiSimulator}: the qualified traits INSi returns ({@code TIQ}), the active INS
 * ({@code INSACTIF}), the former ones ({@code INSHISTO}) and, for the search with carte Vitale data, the insured
 * person's number and the birth rank. Immutable; build with {@link #builder()}.
 *
 * <p>How the simulator matches a search by traits: same birth name, sex and birth date, the same birth place when
 * the request sends one, and a {@code Prenom} equal to the persona's first birth first name or to all of them joined
 * by spaces (so a patient whose first names are {@code A B C} and whose persona's list is {@code B C} is found on the
 * second call of the first-names strategy). Several matching personas give {@code CodeCR 02}.
 *
 * <pre>{@code
 * InsiPersona persona = InsiPersona.builder()
 *         .birthName("QUINTAVAL").firstNames("ROMANE", "ALIX").sex("F").birthDate("1999-12-01")
 *         .birthPlace("33063")
 *         .activeIns("2991233063101", "1.2.250.1.213.1.4.8")
 *         .build();
 * }</pre>
 */
public final class InsiPersona {

    /** OID of the INS-NIR authority. */
    public static final String OID_NIR = "1.2.250.1.213.1.4.8";
    /** OID of the INS-NIA authority. */
    public static final String OID_NIA = "1.2.250.1.213.1.4.9";

    private static final Pattern NUMBER = Pattern.compile("\\d{5}(?:\\d{2}|2[AB])\\d{6}");

    /**
     * An INS as INSi sends it.
     *
     * @param number the 13-character number
     * @param key    the 2-digit key
     * @param oid    the assigning authority's OID
     * @param start  DateDeb, or null
     * @param end    DateFin, or null
     */
    public record InsValue(String number, String key, String oid, String start, String end) {
        /** Checks the shape. */
        public InsValue {
            if (number == null || !NUMBER.matcher(number).matches()) {
                throw new IllegalArgumentException("an INS number has 13 characters (2A/2B allowed for Corsica)");
            }
            if (key == null || !key.matches("\\d{2}")) {
                throw new IllegalArgumentException("an INS key has 2 digits");
            }
            Objects.requireNonNull(oid, "oid");
        }

        /** @return number and key, 15 characters */
        public String matricule() {
            return number + key;
        }
    }

    private final String birthName;
    private final List<String> firstNames;
    private final String sex;
    private final String birthDate;
    private final String birthPlace;
    private final InsValue activeIns;
    private final List<InsValue> history;
    private final String insuredNumber;
    private final int birthRank;

    private InsiPersona(Builder b) {
        this.birthName = require(b.birthName, "birthName");
        this.firstNames = List.copyOf(b.firstNames);
        if (firstNames.isEmpty()) {
            throw new IllegalArgumentException("a persona needs at least one first name");
        }
        this.sex = require(b.sex, "sex");
        this.birthDate = require(b.birthDate, "birthDate");
        this.birthPlace = b.birthPlace;
        this.activeIns = Objects.requireNonNull(b.activeIns, "activeIns");
        this.history = List.copyOf(b.history);
        this.insuredNumber = b.insuredNumber;
        this.birthRank = b.birthRank;
    }

    private static String require(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return s;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this persona, to derive another */
    public Builder toBuilder() {
        Builder b = new Builder().birthName(birthName).firstNames(firstNames.toArray(new String[0])).sex(sex)
                .birthDate(birthDate).birthPlace(birthPlace).insuredNumber(insuredNumber).birthRank(birthRank);
        b.activeIns = activeIns;
        b.history.addAll(history);
        return b;
    }

    /** @return the birth name */
    public String birthName() {
        return birthName;
    }

    /** @return the birth first names, in order (ListePrenom) */
    public List<String> firstNames() {
        return firstNames;
    }

    /** @return the first names joined by spaces, as ListePrenom */
    public String firstNamesList() {
        return String.join(" ", firstNames);
    }

    /** @return {@code F} or {@code M} */
    public String sex() {
        return sex;
    }

    /** @return the birth date, {@code YYYY-MM-DD} */
    public String birthDate() {
        return birthDate;
    }

    /** @return the birth place's COG code, when INSi knows it */
    public Optional<String> birthPlace() {
        return Optional.ofNullable(birthPlace);
    }

    /** @return the active INS */
    public InsValue activeIns() {
        return activeIns;
    }

    /** @return the former INS */
    public List<InsValue> history() {
        return history;
    }

    /** @return the insured person's (ouvrant droit) number on the carte Vitale, when set */
    public Optional<String> insuredNumber() {
        return Optional.ofNullable(insuredNumber);
    }

    /** @return the birth rank on the carte Vitale */
    public int birthRank() {
        return birthRank;
    }

    @Override
    public String toString() {
        return "InsiPersona[" + birthName + " " + firstNamesList() + "]";
    }

    /** Builds {@link InsiPersona}. */
    public static final class Builder {
        private String birthName;
        private List<String> firstNames = new ArrayList<>();
        private String sex;
        private String birthDate;
        private String birthPlace;
        private InsValue activeIns;
        private final List<InsValue> history = new ArrayList<>();
        private String insuredNumber;
        private int birthRank = 1;

        private Builder() {
        }

        /**
         * @param name the birth name, in the INS alphabet (upper case)
         * @return this builder
         */
        public Builder birthName(String name) {
            this.birthName = name;
            return this;
        }

        /**
         * @param names the birth first names, in order
         * @return this builder
         */
        public Builder firstNames(String... names) {
            this.firstNames = new ArrayList<>(List.of(names));
            return this;
        }

        /**
         * @param code {@code F} or {@code M}
         * @return this builder
         */
        public Builder sex(String code) {
            this.sex = code;
            return this;
        }

        /**
         * @param date {@code YYYY-MM-DD}
         * @return this builder
         */
        public Builder birthDate(String date) {
            this.birthDate = date;
            return this;
        }

        /**
         * @param cog the birth place's COG code, or null when INSi does not return one
         * @return this builder
         */
        public Builder birthPlace(String cog) {
            this.birthPlace = cog;
            return this;
        }

        /**
         * @param matricule the 15-character active INS (number and key)
         * @param oid       its authority's OID ({@link #OID_NIR} or {@link #OID_NIA})
         * @return this builder
         */
        public Builder activeIns(String matricule, String oid) {
            this.activeIns = ins(matricule, oid, null, null);
            return this;
        }

        /**
         * @param matricule the 15-character former INS
         * @param oid       its authority's OID
         * @param start     DateDeb ({@code YYYY-MM-DD}) or null
         * @param end       DateFin ({@code YYYY-MM-DD}) or null
         * @return this builder
         */
        public Builder formerIns(String matricule, String oid, String start, String end) {
            history.add(ins(matricule, oid, start, end));
            return this;
        }

        /**
         * @param number the 13-character number of the insured person whose carte Vitale carries this persona
         * @return this builder
         */
        public Builder insuredNumber(String number) {
            this.insuredNumber = number;
            return this;
        }

        /**
         * @param rank the birth rank on the carte Vitale
         * @return this builder
         */
        public Builder birthRank(int rank) {
            this.birthRank = rank;
            return this;
        }

        /** @return the persona */
        public InsiPersona build() {
            return new InsiPersona(this);
        }

        private static InsValue ins(String matricule, String oid, String start, String end) {
            if (matricule == null || matricule.length() != 15) {
                throw new IllegalArgumentException("an INS matricule has 15 characters");
            }
            return new InsValue(matricule.substring(0, 13), matricule.substring(13), oid, start, end);
        }
    }
}
