package io.segursdk.dmp;

import io.segursdk.core.error.Violations;

import java.time.Instant;
import java.util.Optional;

/**
 * One feed of the DMP (TD2.1, IHE ITI-41): a document with its metadata, the submission set around it, and, for a
 * new version of an earlier document, the {@link Replacement}.
 *
 * <p>Immutable; build with {@link #builder()}. The submission set's author is the document's first author.
 */
public final class Submission {

    private final DmpDocument document;
    private final DocumentMetadata metadata;
    private final Replacement replacement;
    private final CodedValue contentType;
    private final String sourceId;
    private final String uniqueId;
    private final Instant submissionTime;
    private final boolean signed;

    private Submission(Builder b, String uniqueId, Instant submissionTime) {
        this.document = b.document;
        this.metadata = b.metadata;
        this.replacement = b.replacement;
        this.contentType = b.contentType;
        this.sourceId = b.sourceId;
        this.uniqueId = uniqueId;
        this.submissionTime = submissionTime;
        this.signed = b.signed;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the document's content */
    public DmpDocument document() {
        return document;
    }

    /** @return the document's metadata */
    public DocumentMetadata metadata() {
        return metadata;
    }

    /** @return the earlier document this one replaces, when it is a replacement */
    public Optional<Replacement> replacement() {
        return Optional.ofNullable(replacement);
    }

    /** @return the submission set's content type (JDV_J59) */
    public CodedValue contentType() {
        return contentType;
    }

    /** @return the OID of the sending system (the submission set's sourceId) */
    public String sourceId() {
        return sourceId;
    }

    /** @return the submission set's uniqueId, given or generated */
    public String uniqueId() {
        return uniqueId;
    }

    /** @return when the submission was made */
    public Instant submissionTime() {
        return submissionTime;
    }

    /**
     * @return whether the submission set is signed (XAdES signature document with the {@code signs} association),
     *         {@code true} unless turned off
     */
    public boolean signed() {
        return signed;
    }

    @Override
    public String toString() {
        return "Submission[" + document + ", " + metadata + (replacement != null ? ", replaces" : "") + "]";
    }

    /** Builds a {@link Submission}. Not thread-safe. */
    public static final class Builder {
        private DmpDocument document;
        private DocumentMetadata metadata;
        private Replacement replacement;
        private CodedValue contentType;
        private String sourceId;
        private String uniqueId;
        private Instant submissionTime;
        private boolean signed = true;

        private Builder() {
        }

        /**
         * Whether to sign the submission set, as the DMP's TD2.1 sample does: an enveloping XAdES-BES signature over
         * the documents' digests, signed with the VIHF's signing credential (the structure's signature certificate,
         * or the card's signature key) and sent as a second document with a {@code signs} association.
         *
         * @param sign {@code true} by default
         * @return this builder
         */
        public Builder signed(boolean sign) {
            this.signed = sign;
            return this;
        }

        /**
         * @param document the document's content
         * @param metadata its metadata
         * @return this builder
         */
        public Builder document(DmpDocument document, DocumentMetadata metadata) {
            this.document = document;
            this.metadata = metadata;
            return this;
        }

        /**
         * @param replacement the earlier document this one replaces (optional)
         * @return this builder
         */
        public Builder replaces(Replacement replacement) {
            this.replacement = replacement;
            return this;
        }

        /**
         * @param contentType the submission set's content type, see {@link CodedValue#contentType(String, String)}
         * @return this builder
         */
        public Builder contentType(CodedValue contentType) {
            this.contentType = contentType;
            return this;
        }

        /**
         * @param sourceId the OID identifying the sending system (the vendor's or the structure's OID)
         * @return this builder
         */
        public Builder sourceId(String sourceId) {
            this.sourceId = sourceId;
            return this;
        }

        /**
         * @param uniqueId the submission set's uniqueId (optional; generated when not set)
         * @return this builder
         */
        public Builder uniqueId(String uniqueId) {
            this.uniqueId = uniqueId;
            return this;
        }

        /**
         * @param submissionTime when the submission is made (optional; the time {@link #build()} is called by default)
         * @return this builder
         */
        public Builder submissionTime(Instant submissionTime) {
            this.submissionTime = submissionTime;
            return this;
        }

        /**
         * @return the submission
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem
         */
        public Submission build() {
            Violations v = new Violations();
            v.require(document != null, "document", "is required");
            v.require(metadata != null, "metadata", "is required");
            if (contentType == null) {
                v.add("contentType", "is required");
            } else {
                v.require(CodedValue.CONTENT_TYPE_SYSTEM.equals(contentType.codeSystem()), "contentType.codeSystem",
                        "must be " + CodedValue.CONTENT_TYPE_SYSTEM);
            }
            v.require(Ids.isOid(sourceId), "sourceId", "must be an OID");
            v.require(uniqueId == null || Ids.isOid(uniqueId), "uniqueId", "must be an OID");
            v.require(uniqueId == null || metadata == null || !uniqueId.equals(metadata.uniqueId()), "uniqueId",
                    "must differ from the document's uniqueId");
            v.require(replacement == null || metadata == null || !replacement.uniqueId().equals(metadata.uniqueId()),
                    "replacement.uniqueId", "must differ from the new document's uniqueId");
            v.throwIfAny();
            return new Submission(this, uniqueId != null ? uniqueId : Ids.newOid(),
                    submissionTime != null ? submissionTime : Instant.now());
        }
    }
}
