package io.segursdk.dmp;

import io.segursdk.core.error.Violations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of a document sent to the DMP (the XDS DocumentEntry): what it is, when, by whom, about whom, and
 * who may see it.
 *
 * <p>Immutable; build with {@link #builder()}. {@link Builder#build()} checks everything at once and throws an
 * {@link io.segursdk.core.error.InvalidRequestException} listing every problem. {@code toString()} shows no patient
 * data and no title.
 */
public final class DocumentMetadata {

    /** The default language, {@code fr-FR}. */
    public static final String FRENCH = "fr-FR";

    private final PatientId patientId;
    private final String sourcePatientId;
    private final String sourcePatientIdOid;
    private final CodedValue classCode;
    private final CodedValue typeCode;
    private final String title;
    private final String comments;
    private final Instant creationTime;
    private final Instant serviceStartTime;
    private final Instant serviceStopTime;
    private final CodedValue healthcareFacilityType;
    private final CodedValue practiceSetting;
    private final List<Author> authors;
    private final Author legalAuthenticator;
    private final String languageCode;
    private final String uniqueId;
    private final Visibility visibility;

    private DocumentMetadata(Builder b, String uniqueId) {
        this.patientId = b.patientId;
        this.sourcePatientId = b.sourcePatientId;
        this.sourcePatientIdOid = b.sourcePatientIdOid;
        this.classCode = b.classCode;
        this.typeCode = b.typeCode;
        this.title = b.title;
        this.comments = b.comments;
        this.creationTime = b.creationTime;
        this.serviceStartTime = b.serviceStartTime;
        this.serviceStopTime = b.serviceStopTime;
        this.healthcareFacilityType = b.healthcareFacilityType;
        this.practiceSetting = b.practiceSetting;
        this.authors = List.copyOf(b.authors);
        this.legalAuthenticator = b.legalAuthenticator;
        this.languageCode = b.languageCode;
        this.uniqueId = uniqueId;
        this.visibility = b.visibility;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the patient's INS (the XDS patientId) */
    public PatientId patientId() {
        return patientId;
    }

    /** @return the patient's local identifier (IPP) in the producing software, when given */
    public Optional<String> sourcePatientId() {
        return Optional.ofNullable(sourcePatientId);
    }

    /** @return the OID of the local identifier's domain, when a local identifier is given */
    public Optional<String> sourcePatientIdOid() {
        return Optional.ofNullable(sourcePatientIdOid);
    }

    /** @return the class code (JDV_J57) */
    public CodedValue classCode() {
        return classCode;
    }

    /** @return the type code (JDV_J66) */
    public CodedValue typeCode() {
        return typeCode;
    }

    /** @return the title */
    public String title() {
        return title;
    }

    /** @return the comments, when given */
    public Optional<String> comments() {
        return Optional.ofNullable(comments);
    }

    /** @return when the document was created */
    public Instant creationTime() {
        return creationTime;
    }

    /** @return when the act the document reports started, when given */
    public Optional<Instant> serviceStartTime() {
        return Optional.ofNullable(serviceStartTime);
    }

    /** @return when the act the document reports ended, when given */
    public Optional<Instant> serviceStopTime() {
        return Optional.ofNullable(serviceStopTime);
    }

    /** @return the healthcare facility type (JDV_J61) */
    public CodedValue healthcareFacilityType() {
        return healthcareFacilityType;
    }

    /** @return the practice setting (JDV_J62) */
    public CodedValue practiceSetting() {
        return practiceSetting;
    }

    /** @return the authors, at least one */
    public List<Author> authors() {
        return authors;
    }

    /** @return the legal authenticator, when given */
    public Optional<Author> legalAuthenticator() {
        return Optional.ofNullable(legalAuthenticator);
    }

    /** @return the language code, {@code fr-FR} unless set */
    public String languageCode() {
        return languageCode;
    }

    /** @return the document's uniqueId (an OID), the one given or a generated one */
    public String uniqueId() {
        return uniqueId;
    }

    /** @return who may see the document */
    public Visibility visibility() {
        return visibility;
    }

    @Override
    public String toString() {
        return "DocumentMetadata[classCode=" + classCode.code() + ", typeCode=" + typeCode.code() + ", uniqueId="
                + uniqueId + ", " + visibility + "]";
    }

    /** Builds {@link DocumentMetadata}. Not thread-safe. */
    public static final class Builder {
        private PatientId patientId;
        private String sourcePatientId;
        private String sourcePatientIdOid;
        private CodedValue classCode;
        private CodedValue typeCode;
        private String title;
        private String comments;
        private Instant creationTime;
        private Instant serviceStartTime;
        private Instant serviceStopTime;
        private CodedValue healthcareFacilityType;
        private CodedValue practiceSetting;
        private final List<Author> authors = new ArrayList<>();
        private Author legalAuthenticator;
        private String languageCode = FRENCH;
        private String uniqueId;
        private Visibility visibility = Visibility.normal();

        private Builder() {
        }

        /**
         * @param patientId the patient's qualified INS
         * @return this builder
         */
        public Builder patientId(PatientId patientId) {
            this.patientId = patientId;
            return this;
        }

        /**
         * @param localId the patient's identifier in the producing software (IPP)
         * @param oid     the OID of that identifier's domain
         * @return this builder
         */
        public Builder sourcePatientId(String localId, String oid) {
            this.sourcePatientId = localId;
            this.sourcePatientIdOid = oid;
            return this;
        }

        /**
         * @param classCode the class code, see {@link CodedValue#classCode(String, String)}
         * @return this builder
         */
        public Builder classCode(CodedValue classCode) {
            this.classCode = classCode;
            return this;
        }

        /**
         * @param typeCode the type code, see {@link CodedValue#loinc(String, String)}
         * @return this builder
         */
        public Builder typeCode(CodedValue typeCode) {
            this.typeCode = typeCode;
            return this;
        }

        /**
         * @param title the title shown in the DMP
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * @param comments a comment (optional)
         * @return this builder
         */
        public Builder comments(String comments) {
            this.comments = comments;
            return this;
        }

        /**
         * @param creationTime when the document was created
         * @return this builder
         */
        public Builder creationTime(Instant creationTime) {
            this.creationTime = creationTime;
            return this;
        }

        /**
         * @param start when the act started (optional)
         * @param stop  when it ended (optional)
         * @return this builder
         */
        public Builder serviceTime(Instant start, Instant stop) {
            this.serviceStartTime = start;
            this.serviceStopTime = stop;
            return this;
        }

        /**
         * @param facilityType the healthcare facility type, see {@link CodedValue#facilityType(String, String)}
         * @return this builder
         */
        public Builder healthcareFacilityType(CodedValue facilityType) {
            this.healthcareFacilityType = facilityType;
            return this;
        }

        /**
         * @param practiceSetting the practice setting, see {@link CodedValue#practiceSetting(String, String)}
         * @return this builder
         */
        public Builder practiceSetting(CodedValue practiceSetting) {
            this.practiceSetting = practiceSetting;
            return this;
        }

        /**
         * @param author an author; call once per author
         * @return this builder
         */
        public Builder author(Author author) {
            this.authors.add(author);
            return this;
        }

        /**
         * Replaces the authors, for example those read from a CDA header.
         *
         * @param newAuthors the authors, at least one when the metadata is built
         * @return this builder
         */
        public Builder authors(List<Author> newAuthors) {
            this.authors.clear();
            this.authors.addAll(newAuthors);
            return this;
        }

        /**
         * @param legalAuthenticator the professional who validated the document (optional)
         * @return this builder
         */
        public Builder legalAuthenticator(Author legalAuthenticator) {
            this.legalAuthenticator = legalAuthenticator;
            return this;
        }

        /**
         * @param languageCode the language (RFC 5646), {@code fr-FR} by default
         * @return this builder
         */
        public Builder languageCode(String languageCode) {
            this.languageCode = languageCode;
            return this;
        }

        /**
         * @param uniqueId the document's uniqueId, an OID (or {@code root^extension} of a CDA id); generated (in the {@code 2.25} arc) when not set
         * @return this builder
         */
        public Builder uniqueId(String uniqueId) {
            this.uniqueId = uniqueId;
            return this;
        }

        /**
         * @param visibility who may see the document; {@link Visibility#normal()} by default
         * @return this builder
         */
        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        /**
         * @return the metadata
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem
         */
        public DocumentMetadata build() {
            Violations v = new Violations();
            v.require(patientId != null, "patientId", "is required (the patient's qualified INS)");
            if (sourcePatientId != null || sourcePatientIdOid != null) {
                v.require(sourcePatientId != null && sourcePatientId.matches("[0-9A-Za-z._-]{1,64}"),
                        "sourcePatientId", "must be 1 to 64 letters, digits, '.', '_' or '-'");
                v.require(Ids.isOid(sourcePatientIdOid), "sourcePatientId.oid", "must be an OID");
            }
            requireCode(v, "classCode", classCode, CodedValue.CLASS_CODE_SYSTEM);
            requireCode(v, "typeCode", typeCode, null);
            requireCode(v, "healthcareFacilityType", healthcareFacilityType, CodedValue.FACILITY_TYPE_SYSTEM);
            requireCode(v, "practiceSetting", practiceSetting, CodedValue.PRACTICE_SETTING_SYSTEM);
            v.require(title != null && !title.isBlank(), "title", "is required");
            v.require(title == null || title.length() <= 255, "title", "must be at most 255 characters");
            v.require(creationTime != null, "creationTime", "is required");
            v.require(serviceStartTime == null || serviceStopTime == null || !serviceStopTime.isBefore(serviceStartTime),
                    "serviceStopTime", "must not be before serviceStartTime");
            v.require(!authors.isEmpty(), "authors", "at least one author is required");
            for (int i = 0; i < authors.size(); i++) {
                validateAuthor(v, "authors[" + i + "]", authors.get(i));
            }
            if (legalAuthenticator != null) {
                validateAuthor(v, "legalAuthenticator", legalAuthenticator);
            }
            v.require(languageCode != null && languageCode.matches("[a-z]{2,3}(?:-[A-Z]{2})?"), "languageCode",
                    "must be a language tag such as fr-FR");
            v.require(uniqueId == null || Ids.isDocumentUniqueId(uniqueId), "uniqueId",
                    "must be an OID of at most 64 characters, or root^extension from a CDA id (extension of at most"
                            + " 16 characters); not a urn:uuid");
            v.require(visibility != null, "visibility", "is required");
            v.throwIfAny();
            return new DocumentMetadata(this, uniqueId != null ? uniqueId : Ids.newOid());
        }

        private static void requireCode(Violations v, String field, CodedValue code, String expectedSystem) {
            if (code == null) {
                v.add(field, "is required");
                return;
            }
            v.require(!code.code().isBlank(), field + ".code", "must not be blank");
            v.require(!code.displayName().isBlank(), field + ".displayName", "must not be blank");
            if (expectedSystem != null) {
                v.require(expectedSystem.equals(code.codeSystem()), field + ".codeSystem",
                        "must be " + expectedSystem);
            } else {
                v.require(!code.codeSystem().isBlank(), field + ".codeSystem", "must not be blank");
            }
        }

        static void validateAuthor(Violations v, String field, Author a) {
            if (a == null) {
                v.add(field, "must not be null");
                return;
            }
            v.require(a.nationalId() != null && a.nationalId().matches("[0-9][0-9A-Za-z]{5,31}"),
                    field + ".nationalId", "must be an IdNat_PS (8+RPPS or 0+ADELI)");
            v.require(Ids.isHl7Safe(a.familyName()), field + ".familyName",
                    "is required and must not contain ^ & ~ \\ |");
            v.require(Ids.isHl7Safe(a.givenName()), field + ".givenName",
                    "is required and must not contain ^ & ~ \\ |");
            v.require(a.specialty() != null && Ids.isHl7Safe(a.specialty().code())
                            && Ids.isHl7Safe(a.specialty().displayName()),
                    field + ".specialty", "is required and must not contain ^ & ~ \\ |");
            a.role().ifPresent(r -> v.require(Ids.isHl7Safe(r.code()) && Ids.isHl7Safe(r.displayName()),
                    field + ".role", "must not contain ^ & ~ \\ |"));
            if (a.structure() == null) {
                v.add(field + ".structure", "is required");
            } else {
                v.require(Ids.isHl7Safe(a.structure().name()), field + ".structure.name",
                        "is required and must not contain ^ & ~ \\ |");
                v.require(a.structure().nationalId().matches("[0-9][0-9A-Za-z]{5,31}"),
                        field + ".structure.nationalId", "must be an IdNat_Struct (1+FINESS, 3+SIRET, 4+RPPS+rank)");
            }
        }
    }
}
