package io.segursdk.ins;

import io.segursdk.core.error.Violations;
import io.segursdk.ins.internal.InsText;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the practice software read from a carte Vitale for one beneficiary, as sent to INSi's search with carte
 * Vitale data ({@code rechercherInsAvecCarteVitale}): the insured person's matricule (ouvrant droit), the
 * beneficiary's own matricule when the card carries it, the beneficiary's birth name, birth date (a "lunar" date such
 * as {@code 1950-00-00} or {@code 1985-02-30} is kept as read: the card may hold one) and birth rank (rang
 * gémellaire), plus the optional coverage codes. Reading the card itself is the vendor's SESAM-Vitale API's job.
 *
 * <p>Immutable. {@link #toString()} masks everything.
 *
 * <pre>{@code
 * CarteVitaleData vitale = CarteVitaleData.builder()
 *         .insuredMatricule("282063155504181")
 *         .birthName("Roussel-Audran")
 *         .birthDate("2015-04-02")
 *         .birthRank(1)
 *         .build();
 * }</pre>
 */
public final class CarteVitaleData {

    private static final Pattern NUMBER = Pattern.compile("\\d{5}(?:\\d{2}|2[AB])\\d{6}");

    private final String beneficiaryNumber;
    private final String beneficiaryKey;
    private final String insuredNumber;
    private final String insuredKey;
    private final String birthName;
    private final BirthDate birthDate;
    private final int birthRank;
    private final String grandRegime;
    private final String organisme;
    private final String codeCentre;

    private CarteVitaleData(Builder b, String birthName, BirthDate birthDate) {
        this.beneficiaryNumber = number(b.beneficiaryMatricule);
        this.beneficiaryKey = key(b.beneficiaryMatricule);
        this.insuredNumber = number(b.insuredMatricule);
        this.insuredKey = key(b.insuredMatricule);
        this.birthName = birthName;
        this.birthDate = birthDate;
        this.birthRank = b.birthRank;
        this.grandRegime = b.grandRegime;
        this.organisme = b.organisme;
        this.codeCentre = b.codeCentre;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the beneficiary's own 13-character number, when the card carries it */
    public Optional<String> beneficiaryNumber() {
        return Optional.ofNullable(beneficiaryNumber);
    }

    /** @return the beneficiary's 2-digit key, when given */
    public Optional<String> beneficiaryKey() {
        return Optional.ofNullable(beneficiaryKey);
    }

    /** @return the insured person's (ouvrant droit) 13-character number */
    public String insuredNumber() {
        return insuredNumber;
    }

    /** @return the insured person's 2-digit key, when given */
    public Optional<String> insuredKey() {
        return Optional.ofNullable(insuredKey);
    }

    /** @return the beneficiary's birth name, normalised to the INS alphabet */
    public String birthName() {
        return birthName;
    }

    /** @return the beneficiary's birth date as read from the card, possibly lunar */
    public BirthDate birthDate() {
        return birthDate;
    }

    /** @return the birth rank (rang gémellaire), 1 unless twins share the insured person's card */
    public int birthRank() {
        return birthRank;
    }

    /** @return the grand régime code of the coverage, when given */
    public Optional<String> grandRegime() {
        return Optional.ofNullable(grandRegime);
    }

    /** @return the organisme code of the coverage, when given */
    public Optional<String> organisme() {
        return Optional.ofNullable(organisme);
    }

    /** @return the code centre of the coverage, when given */
    public Optional<String> codeCentre() {
        return Optional.ofNullable(codeCentre);
    }

    private static String number(String matricule) {
        return matricule == null ? null : matricule.substring(0, 13);
    }

    private static String key(String matricule) {
        return matricule == null || matricule.length() < 15 ? null : matricule.substring(13);
    }

    @Override
    public String toString() {
        return "CarteVitaleData{matricules masked, birthName=***, birthDate=****-**-**, birthRank=*}";
    }

    /** Builds {@link CarteVitaleData}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private String beneficiaryMatricule;
        private String insuredMatricule;
        private String birthName;
        private String birthDate;
        private BirthDate birthDateValue;
        private int birthRank = 1;
        private String grandRegime;
        private String organisme;
        private String codeCentre;

        private Builder() {
        }

        /**
         * @param matricule the beneficiary's number, 13 characters, or 15 with its key; {@code null} when the card
         *                  does not carry it (a child on a parent's card)
         * @return this builder
         */
        public Builder beneficiaryMatricule(String matricule) {
            this.beneficiaryMatricule = clean(matricule);
            return this;
        }

        /**
         * @param matricule the insured person's (ouvrant droit) number, 13 characters, or 15 with its key
         * @return this builder
         */
        public Builder insuredMatricule(String matricule) {
            this.insuredMatricule = clean(matricule);
            return this;
        }

        /**
         * @param name the beneficiary's birth name as read (normalised to the INS alphabet at build time)
         * @return this builder
         */
        public Builder birthName(String name) {
            this.birthName = name;
            return this;
        }

        /**
         * @param date the birth date as read, {@code YYYY-MM-DD}, possibly lunar
         * @return this builder
         */
        public Builder birthDate(String date) {
            this.birthDate = date;
            this.birthDateValue = null;
            return this;
        }

        /**
         * @param date the birth date
         * @return this builder
         */
        public Builder birthDate(BirthDate date) {
            this.birthDateValue = date;
            this.birthDate = null;
            return this;
        }

        /**
         * @param rank the birth rank (rang gémellaire), 1 to 9
         * @return this builder
         */
        public Builder birthRank(int rank) {
            this.birthRank = rank;
            return this;
        }

        /**
         * @param grandRegime the grand régime code (2 digits)
         * @param organisme   the organisme code (3 digits)
         * @param codeCentre  the code centre (4 digits)
         * @return this builder
         */
        public Builder coverage(String grandRegime, String organisme, String codeCentre) {
            this.grandRegime = grandRegime;
            this.organisme = organisme;
            this.codeCentre = codeCentre;
            return this;
        }

        /**
         * @return the data
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem found
         */
        public CarteVitaleData build() {
            Violations v = new Violations();
            matricule(beneficiaryMatricule, "vitale.beneficiaryMatricule", false, v);
            matricule(insuredMatricule, "vitale.insuredMatricule", true, v);
            InsText.Outcome name = InsText.normalize(birthName, true);
            if (!name.ok()) {
                v.add("vitale.birthName", name.rule());
            }
            BirthDate date = birthDateValue;
            if (date == null) {
                date = BirthDate.check(birthDate, "vitale.birthDate", false, v);
            }
            v.require(birthRank >= 1 && birthRank <= 9, "vitale.birthRank", "must be 1 to 9");
            v.require(grandRegime == null || grandRegime.matches("\\d{2}"), "vitale.grandRegime", "must be 2 digits");
            v.require(organisme == null || organisme.matches("\\d{3}"), "vitale.organisme", "must be 3 digits");
            v.require(codeCentre == null || codeCentre.matches("\\d{4}"), "vitale.codeCentre", "must be 4 digits");
            v.throwIfAny();
            return new CarteVitaleData(this, name.value(), date);
        }

        private static String clean(String matricule) {
            return matricule == null || matricule.isBlank() ? null
                    : matricule.replace(" ", "").toUpperCase(Locale.ROOT);
        }

        private static void matricule(String m, String field, boolean required, Violations v) {
            if (m == null) {
                v.require(!required, field, "is required");
                return;
            }
            boolean shape = (m.length() == 13 || m.length() == 15) && NUMBER.matcher(m.substring(0, 13)).matches()
                    && (m.length() == 13 || m.substring(13).matches("\\d{2}"));
            v.require(shape, field, "must be 13 characters (digits, 2A or 2B for Corsica at positions 6-7), "
                    + "optionally followed by the 2-digit key");
        }
    }
}
