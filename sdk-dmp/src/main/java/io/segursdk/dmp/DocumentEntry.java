package io.segursdk.dmp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A document entry found in the DMP by a {@link DocumentQuery}: its metadata as the registry holds it, its
 * identifiers, status and visibility.
 *
 * <p>Three identifiers, three uses: the {@link #uniqueId()} (with the {@link #repositoryUniqueId()}) retrieves the
 * document; the {@link #entryUuid()} is the target of a replacement or a metadata update and changes after each
 * update; the {@link #logicalId()} stays the same across versions.
 *
 * <p>Immutable. {@code toString()} shows identifiers and codes only.
 *
 * @param entryUuid          the entry's current entryUUID
 * @param logicalId          the logical id (lid), or the entryUUID when the registry gave none
 * @param uniqueId           the document's uniqueId
 * @param repositoryUniqueId the repository holding the content, or {@code null}
 * @param status             the status, or {@code null} when the registry sent one the SDK does not know
 * @param visibility         who may see the document
 * @param title              the title, or {@code null}
 * @param classCode          the class code, or {@code null}
 * @param typeCode           the type code, or {@code null}
 * @param formatCode         the format code, or {@code null}
 * @param mimeType           the MIME type, or {@code null}
 * @param creationTime       the creation time, or {@code null}
 * @param serviceStartTime   the start of the act, or {@code null}
 * @param serviceStopTime    the end of the act, or {@code null}
 * @param practiceSetting    the practice setting, or {@code null}
 * @param facilityType       the healthcare facility type, or {@code null}
 * @param authors            the authors, as far as the registry described them
 * @param size               the size in bytes, or {@code null}
 * @param hash               the SHA-1 hash in hexadecimal, or {@code null}
 */
public record DocumentEntry(String entryUuid, String logicalId, String uniqueId, String repositoryUniqueId,
                            DocumentStatus status, Visibility visibility, String title, CodedValue classCode,
                            CodedValue typeCode, CodedValue formatCode, String mimeType, Instant creationTime,
                            Instant serviceStartTime, Instant serviceStopTime, CodedValue practiceSetting,
                            CodedValue facilityType, List<Author> authors, Long size, String hash) {

    /** Copies the authors and defaults the visibility to normal. */
    public DocumentEntry {
        authors = authors == null ? List.of() : List.copyOf(authors);
        visibility = visibility == null ? Visibility.normal() : visibility;
    }

    /** @return the size in bytes, when the registry gave it */
    public Optional<Long> sizeIfKnown() {
        return Optional.ofNullable(size);
    }

    @Override
    public String toString() {
        return "DocumentEntry[entryUuid=" + entryUuid + ", uniqueId=" + uniqueId + ", status=" + status
                + ", classCode=" + (classCode == null ? null : classCode.code()) + ", typeCode="
                + (typeCode == null ? null : typeCode.code()) + ", " + visibility + "]";
    }
}
