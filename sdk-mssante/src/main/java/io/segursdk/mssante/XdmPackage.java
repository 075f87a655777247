package io.segursdk.mssante;

import io.segursdk.core.xml.MalformedXmlException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.mssante.internal.XdmZip;

import java.io.InputStream;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An IHE XDM package (ITI "Portable Media", as sent in MSSanté messages as {@code IHE_XDM.zip}): {@code README.TXT}
 * and {@code INDEX.HTM} at the root, {@code IHE_XDM/SUBSET01/METADATA.XML} (an ebRIM submission set) and the
 * documents beside it. Immutable.
 *
 * <p>By default the metadata written is minimal (submission set and one document entry per document, with title,
 * type code, media type, size, hash and the patient's INS when given). The full DMP metadata model lives in
 * {@code sdk-dmp}, which this module does not depend on: build {@code METADATA.XML} there
 * ({@code io.segursdk.dmp.XdmMetadata}) and attach it with {@link #withMetadata(byte[])}; on the receiving side,
 * {@link #metadataXml()} gives the raw bytes back to hand to {@code sdk-dmp}.
 *
 * <p>{@link #read(InputStream, XdmLimits)} checks every entry before anything is returned: no absolute path or
 * {@code ..}, entry count, sizes and compression ratio within limits.
 */
public final class XdmPackage {

    /** The attachment name used in mail. */
    public static final String FILE_NAME = "IHE_XDM.zip";
    /** The subject prefix of messages carrying an XDM package. */
    public static final String SUBJECT_PREFIX = "XDM/1.0/DDM+";

    private final List<XdmDocument> documents;
    private final String patientInsCx;
    private final byte[] metadataXml;

    private XdmPackage(List<XdmDocument> documents, String patientInsCx, byte[] metadataXml) {
        this.documents = List.copyOf(documents);
        this.patientInsCx = patientInsCx;
        this.metadataXml = metadataXml;
    }

    /**
     * A package of documents.
     *
     * @param patientInsCx the patient's INS in HL7 CX form ({@code Ins.toCx()}), or {@code null}
     * @param documents    one or more documents with distinct names
     * @return the package
     */
    public static XdmPackage of(String patientInsCx, List<XdmDocument> documents) {
        Objects.requireNonNull(documents, "documents");
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("an XDM package holds at least one document");
        }
        if (documents.stream().map(d -> d.fileName().toUpperCase(Locale.ROOT)).distinct().count() != documents.size()
                || documents.stream().anyMatch(d -> d.fileName().equalsIgnoreCase("METADATA.XML"))) {
            throw new IllegalArgumentException("document names must be distinct and not METADATA.XML");
        }
        return new XdmPackage(documents, patientInsCx, XdmZip.minimalMetadata(documents, patientInsCx));
    }

    /**
     * The same documents with externally built metadata (e.g. from {@code sdk-dmp}'s {@code XdmMetadata}), written
     * as {@code IHE_XDM/SUBSET01/METADATA.XML} instead of the minimal one. The bytes are checked before use: well-formed
     * XML without DOCTYPE, and its document entries' {@code URI} slots name exactly the package's documents.
     *
     * @param metadataXml the UTF-8 bytes of an ebRIM 3.0 {@code SubmitObjectsRequest}; copied
     * @return a new package
     * @throws XdmArchiveException (field {@code xdm.metadata}) when the metadata is malformed or does not list the
     *                             package's documents
     */
    public XdmPackage withMetadata(byte[] metadataXml) {
        byte[] xml = Objects.requireNonNull(metadataXml, "metadataXml").clone();
        org.w3c.dom.Document doc;
        try {
            doc = SecureXml.instance().parse(xml);
        } catch (MalformedXmlException e) {
            throw new XdmArchiveException("xdm.metadata", "METADATA.XML is not well-formed XML (or has a DOCTYPE)");
        }
        List<String> uris = XdmZip.uris(doc);
        Set<String> listed = new HashSet<>();
        for (String uri : uris) {
            if (uri == null || !listed.add(uri.toUpperCase(Locale.ROOT))) {
                throw new XdmArchiveException("xdm.metadata", "every document entry needs its own URI");
            }
        }
        Set<String> names = new HashSet<>();
        documents.forEach(d -> names.add(d.fileName().toUpperCase(Locale.ROOT)));
        if (!listed.equals(names)) {
            throw new XdmArchiveException("xdm.metadata",
                    "the metadata's document URIs must name exactly the package's documents");
        }
        return new XdmPackage(documents, patientInsCx, xml);
    }

    /**
     * Reads and checks an archive.
     *
     * @param zip    the archive bytes
     * @param limits the limits
     * @return the package
     * @throws XdmArchiveException if the archive breaks a rule
     */
    public static XdmPackage read(InputStream zip, XdmLimits limits) {
        XdmZip.Read r = XdmZip.read(zip, limits);
        return new XdmPackage(r.documents(), r.patientInsCx(), r.metadata());
    }

    /**
     * The subject convention for a message carrying documents for a patient:
     * {@code XDM/1.0/DDM+<label> <BIRTH NAME> <first name> <dd/MM/yyyy>}, the label cut to 40 characters and the
     * name in capitals without accents.
     *
     * @param label     the document label (e.g. the CDA code's display name) or {@code "N documents"}
     * @param birthName the patient's birth name
     * @param firstName the patient's first name
     * @param birthDate the birth date, or {@code null} to leave it out
     * @return the subject
     */
    public static String subject(String label, String birthName, String firstName, LocalDate birthDate) {
        String l = label.strip();
        if (l.length() > 40) {
            l = l.substring(0, 40);
        }
        String name = Normalizer.normalize(birthName.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
        String s = SUBJECT_PREFIX + l + " " + name + " " + firstName.strip();
        return birthDate == null ? s : s + " " + birthDate.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    /** @return the documents */
    public List<XdmDocument> documents() {
        return documents;
    }

    /** @return the patient's INS in CX form, when the metadata carries it */
    public Optional<String> patientInsCx() {
        return Optional.ofNullable(patientInsCx);
    }

    /**
     * The bytes of {@code IHE_XDM/SUBSET01/METADATA.XML}: as read from an archive, as given to
     * {@link #withMetadata(byte[])}, or the minimal metadata of {@link #of(String, List)}. A receiver hands them to
     * {@code sdk-dmp} to read the full DMP metadata. They describe patient data: never log them.
     *
     * @return a copy of the bytes
     */
    public byte[] metadataXml() {
        return metadataXml.clone();
    }

    /** @return the zip bytes */
    public byte[] toZip() {
        return XdmZip.write(documents, metadataXml);
    }

    @Override
    public String toString() {
        return "XdmPackage[" + documents.size() + " document(s)]";
    }
}
