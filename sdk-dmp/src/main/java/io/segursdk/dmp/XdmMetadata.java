package io.segursdk.dmp;

import io.segursdk.core.error.Violations;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.dmp.internal.Iti41RequestBuilder;
import io.segursdk.dmp.internal.XdsJaxb;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The metadata of an IHE XDM package ({@code IHE_XDM/SUBSET01/METADATA.XML}) built from DMP {@link Submission}s, so
 * that documents sent by secure messaging (MSSanté, {@code IHE_XDM.zip}) carry the same metadata as a DMP feed: an
 * ebRIM 3.0 {@code lcm:SubmitObjectsRequest} with the submission set and one document entry per document (codes,
 * visibility as confidentiality codes, patient id in CX form, authors in XCN/XON form), each with the XDM
 * {@code URI} slot naming its file in {@code IHE_XDM/SUBSET01/}, its size and its SHA-1.
 *
 * <p>The result is plain bytes: hand them to the messaging module's XDM package (e.g. {@code sdk-mssante}'s
 * {@code XdmPackage.withMetadata}), which needs no dependency on this module.
 *
 * <p>Stateless and thread-safe.
 */
public final class XdmMetadata {

    /** The IHE XDM file name pattern this SDK writes: letters, digits, {@code . _ -}, 1 to 64 characters. */
    private static final String FILE_NAME = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}";

    private XdmMetadata() {
    }

    /** The builder and its JAXB context: immutable and thread-safe, created on first use. */
    private static final class Holder {
        static final Iti41RequestBuilder BUILDER = new Iti41RequestBuilder(new XdsJaxb());
    }

    /**
     * Builds {@code METADATA.XML} for one or more documents. The submission set (uniqueId, sourceId, submission
     * time, content type and author) is the first submission's; every submission gives one document entry. Each
     * document's content is read once, as a stream, to compute its size and SHA-1. Submission-set signatures
     * ({@link Submission#signed()}) are not part of an XDM package and are ignored.
     *
     * @param submissions one or more submissions for the same patient, with distinct document uniqueIds
     * @param fileNames   each document's file name in {@code IHE_XDM/SUBSET01/}, keyed by its document uniqueId
     *                    ({@link DocumentMetadata#uniqueId()}): letters, digits, {@code . _ -}, distinct, not
     *                    {@code METADATA.XML}
     * @return the UTF-8 bytes of {@code METADATA.XML}
     * @throws io.segursdk.core.error.InvalidRequestException when a file name is missing or unusable, two documents
     *                                                        share a uniqueId, or the patients differ
     * @throws java.io.UncheckedIOException                   when a document's content cannot be read
     */
    public static byte[] of(List<Submission> submissions, Map<String, String> fileNames) {
        Objects.requireNonNull(submissions, "submissions");
        Objects.requireNonNull(fileNames, "fileNames");
        Violations v = new Violations();
        v.require(!submissions.isEmpty(), "submissions", "at least one submission");
        v.require(submissions.stream().noneMatch(Objects::isNull), "submissions", "no null submission");
        v.throwIfAny();
        String patient = submissions.get(0).metadata().patientId().toCx();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Submission s : submissions) {
            String uid = s.metadata().uniqueId();
            v.require(ids.add(uid), "submissions", "two documents share the uniqueId " + uid);
            v.require(patient.equals(s.metadata().patientId().toCx()), "submissions",
                    "every document of an XDM package concerns the same patient");
            String name = fileNames.get(uid);
            String field = "fileNames[" + uid + "]";
            if (name == null) {
                v.add(field, "a file name is required for every document");
            } else if (!name.matches(FILE_NAME) || name.equalsIgnoreCase("METADATA.XML")) {
                v.add(field, "1 to 64 letters, digits, '.', '_' or '-', not METADATA.XML");
            } else {
                v.require(names.add(name.toUpperCase(Locale.ROOT)), field, "file names must be distinct");
            }
        }
        v.throwIfAny();
        byte[] body = SecureXml.instance().serialize(
                Holder.BUILDER.buildXdmMetadata(List.copyOf(submissions), s -> fileNames.get(s.metadata().uniqueId())));
        byte[] declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[declaration.length + body.length];
        System.arraycopy(declaration, 0, out, 0, declaration.length);
        System.arraycopy(body, 0, out, declaration.length, body.length);
        return out;
    }

    /**
     * Builds {@code METADATA.XML} for one document.
     *
     * @param submission the submission
     * @param fileName   the document's file name in {@code IHE_XDM/SUBSET01/}
     * @return the UTF-8 bytes of {@code METADATA.XML}
     * @throws io.segursdk.core.error.InvalidRequestException when the file name is unusable
     * @see #of(List, Map)
     */
    public static byte[] of(Submission submission, String fileName) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(fileName, "fileName");
        return of(List.of(submission), Map.of(submission.metadata().uniqueId(), fileName));
    }
}
