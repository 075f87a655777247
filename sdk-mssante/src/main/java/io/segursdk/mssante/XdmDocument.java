package io.segursdk.mssante;

import java.util.Arrays;
import java.util.Objects;

/**
 * One document of an IHE XDM package, with the minimal metadata written to {@code METADATA.XML}: a title and the
 * document type code (the CDA {@code code}, e.g. LOINC {@code 11488-4}). Immutable; content copied. The content is
 * patient data: never log it.
 *
 * @param fileName the file name inside {@code IHE_XDM/SUBSET01/} (letters, digits, {@code . _ -})
 * @param mimeType the media type, e.g. {@code text/xml} for a CDA, {@code application/pdf}
 * @param title    the document title
 * @param typeCode the document type code, or {@code null}
 * @param content  the bytes
 */
public record XdmDocument(String fileName, String mimeType, String title, String typeCode, byte[] content) {

    /** Checks the fields and copies the content. */
    public XdmDocument {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(title, "title");
        content = Objects.requireNonNull(content, "content").clone();
        if (!fileName.matches("[A-Za-z0-9._-]{1,64}") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("an XDM document name is 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    /** @return a copy of the bytes */
    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XdmDocument d && d.fileName.equals(fileName) && d.mimeType.equals(mimeType)
                && d.title.equals(title) && Objects.equals(d.typeCode, typeCode) && Arrays.equals(d.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, mimeType, title, typeCode, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "XdmDocument[" + fileName + ", " + mimeType + ", " + content.length + " bytes]";
    }
}
