package io.segursdk.dmp;

import io.segursdk.core.error.Violations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A search in a patient's DMP (TD3.1, IHE ITI-18 stored query): either FindDocuments with filters, or GetDocuments
 * by identifiers. Immutable; start from {@link #findDocuments(PatientId)}, {@link #byUniqueIds(String...)} or
 * {@link #byEntryUuids(String...)}.
 */
public final class DocumentQuery {

    /** The kind of stored query. */
    public enum Kind {
        /** FindDocuments ({@code urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d}). */
        FIND_DOCUMENTS,
        /** GetDocuments by uniqueId ({@code urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4}). */
        GET_BY_UNIQUE_ID,
        /** GetDocuments by entryUUID (same stored query). */
        GET_BY_ENTRY_UUID
    }

    /**
     * A time range; either end may be open.
     *
     * @param from the start, inclusive, or {@code null}
     * @param to   the end, exclusive, or {@code null}
     */
    public record TimeRange(Instant from, Instant to) {
    }

    private final Kind kind;
    private final PatientId patientId;
    private final List<CodedValue> classCodes;
    private final List<CodedValue> typeCodes;
    private final List<CodedValue> practiceSettings;
    private final List<CodedValue> facilityTypes;
    private final List<CodedValue> formatCodes;
    private final TimeRange creationTime;
    private final TimeRange serviceStartTime;
    private final TimeRange serviceStopTime;
    private final Set<DocumentStatus> statuses;
    private final List<String> authorNationalIds;
    private final List<String> ids;

    private DocumentQuery(Kind kind, PatientId patientId, FindBuilder b, List<String> ids) {
        this.kind = kind;
        this.patientId = patientId;
        this.ids = List.copyOf(ids);
        this.classCodes = b == null ? List.of() : List.copyOf(b.classCodes);
        this.typeCodes = b == null ? List.of() : List.copyOf(b.typeCodes);
        this.practiceSettings = b == null ? List.of() : List.copyOf(b.practiceSettings);
        this.facilityTypes = b == null ? List.of() : List.copyOf(b.facilityTypes);
        this.formatCodes = b == null ? List.of() : List.copyOf(b.formatCodes);
        this.creationTime = b == null ? null : b.creationTime;
        this.serviceStartTime = b == null ? null : b.serviceStartTime;
        this.serviceStopTime = b == null ? null : b.serviceStopTime;
        this.statuses = b == null ? Set.of() : Set.copyOf(b.statuses);
        this.authorNationalIds = b == null ? List.of() : List.copyOf(b.authorNationalIds);
    }

    /**
     * FindDocuments in a patient's record. Without a status filter, only current documents ({@link
     * DocumentStatus#APPROVED}) are returned.
     *
     * @param patientId the patient's INS
     * @return a builder for the filters
     */
    public static FindBuilder findDocuments(PatientId patientId) {
        return new FindBuilder(patientId);
    }

    /**
     * GetDocuments by the documents' uniqueIds.
     *
     * @param uniqueIds one or more uniqueIds (OIDs)
     * @return the query
     * @throws io.segursdk.core.error.InvalidRequestException listing every problem
     */
    public static DocumentQuery byUniqueIds(String... uniqueIds) {
        Violations v = new Violations();
        v.require(uniqueIds != null && uniqueIds.length > 0, "uniqueIds", "at least one is required");
        List<String> list = uniqueIds == null ? List.of() : Arrays.asList(uniqueIds);
        for (int i = 0; i < list.size(); i++) {
            v.require(Ids.isDocumentUniqueId(list.get(i)), "uniqueIds[" + i + "]",
                    "must be a document uniqueId (an OID, or OID^extension as CDA documents have)");
        }
        v.throwIfAny();
        return new DocumentQuery(Kind.GET_BY_UNIQUE_ID, null, null, list);
    }

    /**
     * GetDocuments by the entries' entryUUIDs.
     *
     * @param entryUuids one or more entryUUIDs ({@code urn:uuid:...})
     * @return the query
     * @throws io.segursdk.core.error.InvalidRequestException listing every problem
     */
    public static DocumentQuery byEntryUuids(String... entryUuids) {
        Violations v = new Violations();
        v.require(entryUuids != null && entryUuids.length > 0, "entryUuids", "at least one is required");
        List<String> list = entryUuids == null ? List.of() : Arrays.asList(entryUuids);
        for (int i = 0; i < list.size(); i++) {
            v.require(Ids.isUrnUuid(list.get(i)), "entryUuids[" + i + "]", "must be a urn:uuid:");
        }
        v.throwIfAny();
        return new DocumentQuery(Kind.GET_BY_ENTRY_UUID, null, null, list);
    }

    /** @return the kind of stored query */
    public Kind kind() {
        return kind;
    }

    /** @return the patient, for FindDocuments */
    public Optional<PatientId> patientId() {
        return Optional.ofNullable(patientId);
    }

    /** @return the class codes searched for (any of) */
    public List<CodedValue> classCodes() {
        return classCodes;
    }

    /** @return the type codes searched for (any of) */
    public List<CodedValue> typeCodes() {
        return typeCodes;
    }

    /** @return the practice settings searched for (any of) */
    public List<CodedValue> practiceSettings() {
        return practiceSettings;
    }

    /** @return the healthcare facility types searched for (any of) */
    public List<CodedValue> facilityTypes() {
        return facilityTypes;
    }

    /** @return the format codes searched for (any of) */
    public List<CodedValue> formatCodes() {
        return formatCodes;
    }

    /** @return the creation-time range, when set */
    public Optional<TimeRange> creationTime() {
        return Optional.ofNullable(creationTime);
    }

    /** @return the service-start range, when set */
    public Optional<TimeRange> serviceStartTime() {
        return Optional.ofNullable(serviceStartTime);
    }

    /** @return the service-stop range, when set */
    public Optional<TimeRange> serviceStopTime() {
        return Optional.ofNullable(serviceStopTime);
    }

    /** @return the statuses searched for; {@link DocumentStatus#APPROVED} alone by default for FindDocuments */
    public Set<DocumentStatus> statuses() {
        return statuses;
    }

    /** @return the authors' national identifiers searched for (any of) */
    public List<String> authorNationalIds() {
        return authorNationalIds;
    }

    /** @return the uniqueIds or entryUUIDs, for GetDocuments */
    public List<String> ids() {
        return ids;
    }

    @Override
    public String toString() {
        return "DocumentQuery[" + kind + "]";
    }

    /** Builds a FindDocuments query. Not thread-safe. */
    public static final class FindBuilder {
        private final PatientId patientId;
        private final List<CodedValue> classCodes = new ArrayList<>();
        private final List<CodedValue> typeCodes = new ArrayList<>();
        private final List<CodedValue> practiceSettings = new ArrayList<>();
        private final List<CodedValue> facilityTypes = new ArrayList<>();
        private final List<CodedValue> formatCodes = new ArrayList<>();
        private TimeRange creationTime;
        private TimeRange serviceStartTime;
        private TimeRange serviceStopTime;
        private final Set<DocumentStatus> statuses = EnumSet.noneOf(DocumentStatus.class);
        private final List<String> authorNationalIds = new ArrayList<>();

        private FindBuilder(PatientId patientId) {
            this.patientId = patientId;
        }

        /**
         * @param codes class codes; a document matches any of them
         * @return this builder
         */
        public FindBuilder classCodes(CodedValue... codes) {
            classCodes.addAll(Arrays.asList(codes));
            return this;
        }

        /**
         * @param codes type codes; a document matches any of them
         * @return this builder
         */
        public FindBuilder typeCodes(CodedValue... codes) {
            typeCodes.addAll(Arrays.asList(codes));
            return this;
        }

        /**
         * @param codes practice settings; a document matches any of them
         * @return this builder
         */
        public FindBuilder practiceSettings(CodedValue... codes) {
            practiceSettings.addAll(Arrays.asList(codes));
            return this;
        }

        /**
         * @param codes healthcare facility types; a document matches any of them
         * @return this builder
         */
        public FindBuilder facilityTypes(CodedValue... codes) {
            facilityTypes.addAll(Arrays.asList(codes));
            return this;
        }

        /**
         * @param codes format codes; a document matches any of them
         * @return this builder
         */
        public FindBuilder formatCodes(CodedValue... codes) {
            formatCodes.addAll(Arrays.asList(codes));
            return this;
        }

        /**
         * @param from created at or after (or {@code null})
         * @param to   created before (or {@code null})
         * @return this builder
         */
        public FindBuilder createdBetween(Instant from, Instant to) {
            creationTime = new TimeRange(from, to);
            return this;
        }

        /**
         * @param from act started at or after (or {@code null})
         * @param to   act started before (or {@code null})
         * @return this builder
         */
        public FindBuilder serviceStartBetween(Instant from, Instant to) {
            serviceStartTime = new TimeRange(from, to);
            return this;
        }

        /**
         * @param from act ended at or after (or {@code null})
         * @param to   act ended before (or {@code null})
         * @return this builder
         */
        public FindBuilder serviceStopBetween(Instant from, Instant to) {
            serviceStopTime = new TimeRange(from, to);
            return this;
        }

        /**
         * @param wanted statuses; a document matches any of them
         * @return this builder
         */
        public FindBuilder statuses(DocumentStatus... wanted) {
            statuses.addAll(Arrays.asList(wanted));
            return this;
        }

        /**
         * @param nationalIds authors' IdNat_PS; a document matches if any of them is one of its authors
         * @return this builder
         */
        public FindBuilder authors(String... nationalIds) {
            authorNationalIds.addAll(Arrays.asList(nationalIds));
            return this;
        }

        /**
         * @return the query
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem
         */
        public DocumentQuery build() {
            Violations v = new Violations();
            v.require(patientId != null, "patientId", "is required");
            checkCodes(v, "classCodes", classCodes);
            checkCodes(v, "typeCodes", typeCodes);
            checkCodes(v, "practiceSettings", practiceSettings);
            checkCodes(v, "facilityTypes", facilityTypes);
            checkCodes(v, "formatCodes", formatCodes);
            checkRange(v, "creationTime", creationTime);
            checkRange(v, "serviceStartTime", serviceStartTime);
            checkRange(v, "serviceStopTime", serviceStopTime);
            for (int i = 0; i < authorNationalIds.size(); i++) {
                String a = authorNationalIds.get(i);
                v.require(a != null && a.matches("[0-9][0-9A-Za-z]{5,31}"), "authors[" + i + "]",
                        "must be an IdNat_PS");
            }
            v.require(!statuses.contains(null), "statuses", "must not contain null");
            v.throwIfAny();
            if (statuses.isEmpty()) {
                statuses.add(DocumentStatus.APPROVED);
            }
            return new DocumentQuery(Kind.FIND_DOCUMENTS, patientId, this, List.of());
        }

        private static void checkCodes(Violations v, String field, List<CodedValue> codes) {
            for (int i = 0; i < codes.size(); i++) {
                CodedValue c = codes.get(i);
                v.require(c != null && Ids.isHl7Safe(c.code()) && Ids.isHl7Safe(c.codeSystem()),
                        field + "[" + i + "]", "must be a code without ^ & ~ \\ |");
            }
        }

        private static void checkRange(Violations v, String field, TimeRange r) {
            if (r != null) {
                v.require(r.from() != null || r.to() != null, field, "needs at least one end");
                v.require(r.from() == null || r.to() == null || r.from().isBefore(r.to()), field,
                        "from must be before to");
            }
        }
    }
}
