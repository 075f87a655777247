package io.segursdk.dmp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may see a document in the DMP, beyond the access rules that always apply. A document is normally visible to
 * the patient, to their legal representatives and to the professionals authorised on the record; each flag takes
 * one audience away. Any combination of flags is allowed.
 *
 * <p>Sent as the document's confidentiality codes: always {@code N} (HL7 Confidentiality, 2.16.840.1.113883.5.25),
 * plus one TRE_A07 code (1.2.250.1.213.1.1.4.13) per flag. Immutable.
 */
public final class Visibility {

    /** The HL7 Confidentiality code system of {@code N}. */
    public static final String HL7_CONFIDENTIALITY_SYSTEM = "2.16.840.1.113883.5.25";
    /** TRE_A07 StatutVisibiliteDocument, the code system of the DMP's visibility codes. */
    public static final String VISIBILITY_SYSTEM = "1.2.250.1.213.1.1.4.13";

    /** A restriction on who sees a document. */
    public enum Flag {
        /**
         * Hidden from the patient ({@code INVISIBLE_PATIENT}) until the professional makes it visible, for example
         * after an announcement consultation.
         */
        HIDDEN_FROM_PATIENT("INVISIBLE_PATIENT", "Non visible par le patient"),
        /**
         * Hidden from a minor patient's legal representatives ({@code INVISIBLE_REPRESENTANTS_LEGAUX}), at the
         * minor's request.
         */
        HIDDEN_FROM_LEGAL_REPRESENTATIVES("INVISIBLE_REPRESENTANTS_LEGAUX", "Non visible par les représentants légaux"),
        /**
         * Masked to the other professionals ({@code MASQUE_PS}): only the author (and, in emergency access, as the
         * patient allowed) sees it.
         */
        MASKED_FROM_PROFESSIONALS("MASQUE_PS", "Masqué aux professionnels de santé");

        private final String code;
        private final String displayName;

        Flag(String code, String displayName) {
            this.code = code;
            this.displayName = displayName;
        }

        /** @return the TRE_A07 code */
        public String code() {
            return code;
        }

        /** @return the coded value sent as a confidentiality code */
        public CodedValue codedValue() {
            return new CodedValue(code, VISIBILITY_SYSTEM, displayName);
        }

        /**
         * @param code a TRE_A07 code
         * @return the flag, or {@code null} when the code is not one of the DMP's
         */
        static Flag ofCode(String code) {
            for (Flag f : values()) {
                if (f.code.equals(code)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The code {@code N}, always sent. */
    public static final CodedValue NORMAL_CODE = new CodedValue("N", HL7_CONFIDENTIALITY_SYSTEM, "Normal");

    private static final Visibility NORMAL = new Visibility(EnumSet.noneOf(Flag.class));

    private final Set<Flag> flags;

    private Visibility(EnumSet<Flag> flags) {
        this.flags = Collections.unmodifiableSet(flags);
    }

    /** @return visibility without restriction: patient, legal representatives and authorised professionals */
    public static Visibility normal() {
        return NORMAL;
    }

    /**
     * @param flags the restrictions; none means {@link #normal()}
     * @return the visibility
     */
    public static Visibility of(Flag... flags) {
        EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
        for (Flag f : flags) {
            set.add(java.util.Objects.requireNonNull(f, "flag"));
        }
        return set.isEmpty() ? NORMAL : new Visibility(set);
    }

    /**
     * @param flags the restrictions
     * @return the visibility
     */
    public static Visibility of(Set<Flag> flags) {
        return of(flags.toArray(new Flag[0]));
    }

    /** @return the restrictions, possibly empty */
    public Set<Flag> flags() {
        return flags;
    }

    /**
     * @param flag a restriction
     * @return whether it applies
     */
    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** @return whether the patient sees the document */
    public boolean visibleToPatient() {
        return !has(Flag.HIDDEN_FROM_PATIENT);
    }

    /**
     * Whether the patient's legal representatives see the document, as far as its own flag says. Whether they also
     * lose sight of a document hidden from the patient is the DMP's rule, not this flag's (see docs/dmp-metadata.md).
     *
     * @return whether the {@link Flag#HIDDEN_FROM_LEGAL_REPRESENTATIVES} flag is absent
     */
    public boolean visibleToLegalRepresentatives() {
        return !has(Flag.HIDDEN_FROM_LEGAL_REPRESENTATIVES);
    }

    /** @return whether professionals other than the author see it */
    public boolean visibleToOtherProfessionals() {
        return !has(Flag.MASKED_FROM_PROFESSIONALS);
    }

    /** @return the confidentiality codes to send: {@code N} first, then one per flag, in declaration order */
    public java.util.List<CodedValue> confidentialityCodes() {
        java.util.List<CodedValue> codes = new java.util.ArrayList<>();
        codes.add(NORMAL_CODE);
        for (Flag f : flags) {
            codes.add(f.codedValue());
        }
        return java.util.List.copyOf(codes);
    }

    /**
     * Reads a visibility back from confidentiality codes; codes other than TRE_A07's are ignored.
     *
     * @param codes the codes, as (code, code system) pairs
     * @return the visibility
     */
    public static Visibility fromConfidentialityCodes(java.util.Collection<CodedValue> codes) {
        EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
        for (CodedValue c : codes) {
            if (VISIBILITY_SYSTEM.equals(c.codeSystem())) {
                Flag f = Flag.ofCode(c.code());
                if (f != null) {
                    set.add(f);
                }
            }
        }
        return set.isEmpty() ? NORMAL : new Visibility(set);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Visibility v && v.flags.equals(flags);
    }

    @Override
    public int hashCode() {
        return flags.hashCode();
    }

    @Override
    public String toString() {
        return flags.isEmpty() ? "Visibility[normal]" : "Visibility" + flags;
    }
}
