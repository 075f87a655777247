package io.segursdk.dmp;

import io.segursdk.core.error.Violations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document's content to send to the DMP: where to read it from, its MIME type and its format code. The content
 * is never held in memory by this type: it is opened, read once as it is sent (as an MTOM attachment), and closed.
 *
 * <p>Immutable; holds no content itself, so its {@code toString()} shows only the MIME type and format.
 */
public final class DmpDocument {

    /** The MIME type of a CDA R2 document. */
    public static final String MIME_CDA = "text/xml";
    /** The MIME type of a PDF document. */
    public static final String MIME_PDF = "application/pdf";

    /** Where to read the content from. Each call must return a new stream from the beginning. */
    @FunctionalInterface
    public interface ContentSource {
        /**
         * @return a new stream over the whole content, which the caller closes
         * @throws IOException if the content cannot be opened
         */
        InputStream open() throws IOException;
    }

    private final ContentSource content;
    private final String mimeType;
    private final CodedValue formatCode;

    private DmpDocument(ContentSource content, String mimeType, CodedValue formatCode) {
        this.content = content;
        this.mimeType = mimeType;
        this.formatCode = formatCode;
    }

    /**
     * @param content    where to read the content from
     * @param mimeType   the MIME type, for example {@link #MIME_CDA}
     * @param formatCode the format code (JDV_J60), for example {@link CodedValue#FORMAT_PDF} or a CI-SIS CDA format
     * @return the document
     * @throws io.segursdk.core.error.InvalidRequestException listing every problem
     */
    public static DmpDocument of(ContentSource content, String mimeType, CodedValue formatCode) {
        Violations v = new Violations();
        v.require(content != null, "document.content", "is required");
        v.require(mimeType != null && mimeType.matches("[a-z0-9.+-]+/[a-zA-Z0-9.+-]+"), "document.mimeType",
                "must be a MIME type such as text/xml or application/pdf");
        v.require(formatCode != null, "document.formatCode", "is required");
        v.throwIfAny();
        return new DmpDocument(content, mimeType, formatCode);
    }

    /**
     * A document read from a file, each time it is sent.
     *
     * @param file       the file
     * @param mimeType   the MIME type
     * @param formatCode the format code
     * @return the document
     * @throws io.segursdk.core.error.InvalidRequestException listing every problem
     */
    public static DmpDocument fromFile(Path file, String mimeType, CodedValue formatCode) {
        Violations v = new Violations();
        v.require(file != null && Files.isReadable(file), "document.file", "must be a readable file");
        if (v.any()) {
            v.throwIfAny();
        }
        return of(() -> Files.newInputStream(file), mimeType, formatCode);
    }

    /** @return where to read the content from */
    public ContentSource content() {
        return content;
    }

    /** @return the MIME type */
    public String mimeType() {
        return mimeType;
    }

    /** @return the format code */
    public CodedValue formatCode() {
        return formatCode;
    }

    @Override
    public String toString() {
        return "DmpDocument[" + mimeType + ", " + formatCode.code() + "]";
    }
}
