package io.segursdk.dmp;

import java.util.Objects;
import java.util.Optional;

/**
 * The author of a document: a health professional, with their profession/specialty, working in a structure. Becomes
 * the XDS author classification: {@code authorPerson} (XCN), {@code authorSpecialty}, {@code authorRole} when given,
 * and {@code authorInstitution} (XON).
 *
 * <p>Immutable. Build with {@link #builder()}; the content is checked when the {@link DocumentMetadata} is built.
 */
public final class Author {

    private final String nationalId;
    private final String familyName;
    private final String givenName;
    private final CodedValue specialty;
    private final CodedValue role;
    private final Structure structure;

    private Author(Builder b) {
        this.nationalId = b.nationalId;
        this.familyName = b.familyName;
        this.givenName = b.givenName;
        this.specialty = b.specialty;
        this.role = b.role;
        this.structure = b.structure;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the professional's national identifier (IdNat_PS: {@code 8}+RPPS or {@code 0}+ADELI) */
    public String nationalId() {
        return nationalId;
    }

    /** @return the family name */
    public String familyName() {
        return familyName;
    }

    /** @return the given name */
    public String givenName() {
        return givenName;
    }

    /** @return the profession/specialty (for example {@code G15_10/SM26}) */
    public CodedValue specialty() {
        return specialty;
    }

    /** @return the author's role, when given */
    public Optional<CodedValue> role() {
        return Optional.ofNullable(role);
    }

    /** @return the structure the author works in */
    public Structure structure() {
        return structure;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Author a && Objects.equals(nationalId, a.nationalId)
                && Objects.equals(familyName, a.familyName) && Objects.equals(givenName, a.givenName)
                && Objects.equals(specialty, a.specialty) && Objects.equals(role, a.role)
                && Objects.equals(structure, a.structure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nationalId, familyName, givenName, specialty, role, structure);
    }

    @Override
    public String toString() {
        return "Author[nationalId=" + nationalId + ", specialty=" + (specialty == null ? null : specialty.code())
                + ", structure=" + (structure == null ? null : structure.nationalId()) + "]";
    }

    /** Builds an {@link Author}. Not thread-safe. */
    public static final class Builder {
        private String nationalId;
        private String familyName;
        private String givenName;
        private CodedValue specialty;
        private CodedValue role;
        private Structure structure;

        private Builder() {
        }

        /**
         * @param nationalId the IdNat_PS ({@code 8}+RPPS, or {@code 0}+ADELI)
         * @return this builder
         */
        public Builder nationalId(String nationalId) {
            this.nationalId = nationalId;
            return this;
        }

        /**
         * @param familyName the family name
         * @param givenName  the given name
         * @return this builder
         */
        public Builder name(String familyName, String givenName) {
            this.familyName = familyName;
            this.givenName = givenName;
            return this;
        }

        /**
         * @param specialty the profession/specialty, see {@link CodedValue#authorSpecialty(String, String)}
         * @return this builder
         */
        public Builder specialty(CodedValue specialty) {
            this.specialty = specialty;
            return this;
        }

        /**
         * @param role the author's role (optional)
         * @return this builder
         */
        public Builder role(CodedValue role) {
            this.role = role;
            return this;
        }

        /**
         * @param structure the structure the author works in
         * @return this builder
         */
        public Builder structure(Structure structure) {
            this.structure = structure;
            return this;
        }

        /** @return the author; its content is checked when the metadata holding it is built */
        public Author build() {
            return new Author(this);
        }
    }
}
