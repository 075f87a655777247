package io.segursdk.mssante.internal;

import io.segursdk.mssante.XdmArchiveException;
import io.segursdk.mssante.XdmDocument;
import io.segursdk.mssante.XdmLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Writes and reads IHE XDM zips: layout, minimal ebRIM metadata, and the reading checks. */
public final class XdmZip {

    /** The subset directory. */
    public static final String SUBSET = "IHE_XDM/SUBSET01/";
    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    private static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    private static final String STABLE_DOCUMENT = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    private static final String SUBMISSION_SET = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    private static final String PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    private static final long RATIO_FLOOR = 1L << 20;

    private XdmZip() {
    }

    /**
     * The result of reading.
     *
     * @param documents    the documents, in metadata order
     * @param patientInsCx the patient id of the metadata, or {@code null}
     * @param metadata     the raw bytes of {@code METADATA.XML}
     */
    public record Read(List<XdmDocument> documents, String patientInsCx, byte[] metadata) {
    }

    /**
     * @param documents the documents
     * @param metadata  the bytes of {@code METADATA.XML}
     * @return the zip bytes
     */
    public static byte[] write(List<XdmDocument> documents, byte[] metadata) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "README.TXT", readme().getBytes(StandardCharsets.UTF_8));
            put(zip, "INDEX.HTM", index(documents).getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("IHE_XDM/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(SUBSET));
            zip.closeEntry();
            put(zip, SUBSET + "METADATA.XML", metadata);
            for (XdmDocument d : documents) {
                put(zip, SUBSET + d.fileName(), d.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param in     the zip
     * @param limits the limits
     * @return the documents and patient id
     * @throws XdmArchiveException when a rule is broken
     */
    public static Read read(InputStream in, XdmLimits limits) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++count > limits.maxEntries()) {
                    throw new XdmArchiveException("xdm.entries", "more than " + limits.maxEntries() + " entries");
                }
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || name.contains("../") || name.equals("..") || name.endsWith("/..")
                        || name.contains(":") || name.indexOf('\0') >= 0) {
                    throw new XdmArchiveException("xdm.path", "an entry name leaves the archive");
                }
                if (e.isDirectory()) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                long size = 0;
                int n;
                while ((n = zip.read(buf)) > 0) {
                    size += n;
                    total += n;
                    if (size > limits.maxEntryBytes()) {
                        throw new XdmArchiveException("xdm.entrySize", "an entry is larger than "
                                + limits.maxEntryBytes() + " bytes");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw new XdmArchiveException("xdm.totalSize", "the archive expands beyond "
                                + limits.maxTotalBytes() + " bytes");
                    }
                    out.write(buf, 0, n);
                }
                long compressed = e.getCompressedSize();
                if (size > RATIO_FLOOR && compressed > 0 && size / compressed > limits.maxCompressionRatio()) {
                    throw new XdmArchiveException("xdm.ratio", "compression ratio above "
                            + limits.maxCompressionRatio() + " (zip bomb)");
                }
                if (files.put(name.toUpperCase(Locale.ROOT), out.toByteArray()) != null) {
                    throw new XdmArchiveException("xdm.duplicate", "two entries have the same name");
                }
                files.put("\0" + name.toUpperCase(Locale.ROOT), name.getBytes(StandardCharsets.UTF_8));
            }
        } catch (ZipException e) {
            throw new XdmArchiveException("xdm.zip", "not a readable zip archive");
        } catch (IOException e) {
            throw new XdmArchiveException("xdm.zip", "the archive cannot be read");
        }
        byte[] metadata = files.get((SUBSET + "METADATA.XML"));
        if (metadata == null || !files.containsKey("README.TXT") || !files.containsKey("INDEX.HTM")) {
            throw new XdmArchiveException("xdm.layout",
                    "README.TXT, INDEX.HTM and IHE_XDM/SUBSET01/METADATA.XML are required");
        }
        return parseMetadata(metadata, files);
    }

    /**
     * The URIs of the document entries of a metadata document, in order.
     *
     * @param metadata a parsed {@code METADATA.XML}
     * @return the {@code URI} slot values, {@code null} for an entry without one
     */
    public static List<String> uris(Document metadata) {
        List<String> uris = new ArrayList<>();
        NodeList objects = metadata.getElementsByTagNameNS(RIM, "ExtrinsicObject");
        for (int i = 0; i < objects.getLength(); i++) {
            uris.add(slot((Element) objects.item(i), "URI"));
        }
        return uris;
    }

    private static Read parseMetadata(byte[] xml, Map<String, byte[]> files) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new XdmArchiveException("xdm.metadata", "METADATA.XML is not well-formed XML (or has a DOCTYPE)");
        }
        List<XdmDocument> docs = new ArrayList<>();
        String patient = null;
        NodeList objects = doc.getElementsByTagNameNS(RIM, "ExtrinsicObject");
        for (int i = 0; i < objects.getLength(); i++) {
            Element eo = (Element) objects.item(i);
            String uri = slot(eo, "URI");
            if (uri == null || !uri.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new XdmArchiveException("xdm.metadata", "a document entry has no usable URI");
            }
            byte[] content = files.get((SUBSET + uri).toUpperCase(Locale.ROOT));
            if (content == null) {
                throw new XdmArchiveException("xdm.layout", "a document listed in METADATA.XML is missing");
            }
            String hash = slot(eo, "hash");
            if (hash != null && !hash.equalsIgnoreCase(sha1(content))) {
                throw new XdmArchiveException("xdm.hash", "a document does not match its hash");
            }
            String p = slot(eo, "sourcePatientId");
            if (p != null) {
                patient = p;
            }
            String title = localizedName(eo);
            String typeCode = null;
            NodeList cls = eo.getElementsByTagNameNS(RIM, "Classification");
            for (int j = 0; j < cls.getLength(); j++) {
                Element c = (Element) cls.item(j);
                if ("urn:uuid:f0306f51-975f-434e-a61c-c59651d33983".equals(c.getAttribute("classificationScheme"))) {
                    typeCode = c.getAttribute("nodeRepresentation");
                }
            }
            String originalName = new String(files.get("\0" + (SUBSET + uri).toUpperCase(Locale.ROOT)),
                    StandardCharsets.UTF_8);
            docs.add(new XdmDocument(originalName.substring(SUBSET.length()), eo.getAttribute("mimeType"),
                    title == null ? uri : title, typeCode, content));
        }
        if (docs.isEmpty()) {
            throw new XdmArchiveException("xdm.metadata", "METADATA.XML lists no document");
        }
        return new Read(docs, patient, xml);
    }

    private static String slot(Element parent, String name) {
        NodeList slots = parent.getElementsByTagNameNS(RIM, "Slot");
        for (int i = 0; i < slots.getLength(); i++) {
            Element s = (Element) slots.item(i);
            if (name.equals(s.getAttribute("name")) && s.getParentNode() == parent) {
                NodeList values = s.getElementsByTagNameNS(RIM, "Value");
                return values.getLength() == 0 ? null : values.item(0).getTextContent().strip();
            }
        }
        return null;
    }

    private static String localizedName(Element eo) {
        for (org.w3c.dom.Node n = eo.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Name".equals(e.getLocalName())) {
                NodeList ls = e.getElementsByTagNameNS(RIM, "LocalizedString");
                return ls.getLength() == 0 ? null : ((Element) ls.item(0)).getAttribute("value");
            }
        }
        return null;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String readme() {
        return "IHE XDM package (ITI Portable Media, IHE_XDM/SUBSET01).\r\n"
                + "Produced by a segur-sdk based application.\r\n"
                + "The documents and their metadata (METADATA.XML) are in IHE_XDM/SUBSET01.\r\n";
    }

    private static String index(List<XdmDocument> documents) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"><title>IHE XDM</title>"
                + "</head><body><h1>Documents</h1><ul>\r\n");
        for (XdmDocument d : documents) {
            b.append("<li><a href=\"IHE_XDM/SUBSET01/").append(d.fileName()).append("\">")
                    .append(escape(d.title())).append("</a></li>\r\n");
        }
        return b.append("</ul><p>See README.TXT.</p></body></html>\r\n").toString();
    }

    /**
     * The minimal metadata this module writes by default: the submission set and one document entry per document
     * (URI, size, hash, title, type code, and the patient id when given).
     *
     * @param documents the documents
     * @param patient   the patient's INS in CX form, or {@code null}
     * @return the UTF-8 bytes of {@code METADATA.XML}
     */
    public static byte[] minimalMetadata(List<XdmDocument> documents, String patient) {
        return metadata(documents, patient).getBytes(StandardCharsets.UTF_8);
    }

    private static String metadata(List<XdmDocument> documents, String patient) {
        String setId = "urn:uuid:" + UUID.randomUUID();
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<lcm:SubmitObjectsRequest xmlns:lcm=\"").append(LCM).append("\" xmlns:rim=\"").append(RIM)
                .append("\">\n<rim:RegistryObjectList>\n");
        b.append("<rim:RegistryPackage id=\"").append(setId).append("\">\n");
        if (patient != null) {
            b.append(" <rim:ExternalIdentifier id=\"urn:uuid:").append(UUID.randomUUID())
                    .append("\" registryObject=\"").append(setId).append("\" identificationScheme=\"")
                    .append("urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446\" value=\"").append(escape(patient))
                    .append("\"/>\n");
        }
        b.append("</rim:RegistryPackage>\n");
        b.append("<rim:Classification id=\"urn:uuid:").append(UUID.randomUUID()).append("\" classifiedObject=\"")
                .append(setId).append("\" classificationNode=\"").append(SUBMISSION_SET).append("\"/>\n");
        for (XdmDocument d : documents) {
            String id = "urn:uuid:" + UUID.randomUUID();
            byte[] content = d.content();
            b.append("<rim:ExtrinsicObject id=\"").append(id).append("\" mimeType=\"").append(escape(d.mimeType()))
                    .append("\" objectType=\"").append(STABLE_DOCUMENT).append("\">\n");
            slotXml(b, "URI", d.fileName());
            slotXml(b, "size", Integer.toString(content.length));
            slotXml(b, "hash", sha1(content));
            if (patient != null) {
                slotXml(b, "sourcePatientId", patient);
            }
            b.append(" <rim:Name><rim:LocalizedString value=\"").append(escape(d.title())).append("\"/></rim:Name>\n");
            if (d.typeCode() != null) {
                b.append(" <rim:Classification id=\"urn:uuid:").append(UUID.randomUUID())
                        .append("\" classificationScheme=\"urn:uuid:f0306f51-975f-434e-a61c-c59651d33983\"")
                        .append(" classifiedObject=\"").append(id).append("\" nodeRepresentation=\"")
                        .append(escape(d.typeCode())).append("\"/>\n");
            }
            if (patient != null) {
                b.append(" <rim:ExternalIdentifier id=\"urn:uuid:").append(UUID.randomUUID())
                        .append("\" registryObject=\"").append(id).append("\" identificationScheme=\"")
                        .append(PATIENT_ID).append("\" value=\"").append(escape(patient)).append("\"/>\n");
            }
            b.append("</rim:ExtrinsicObject>\n");
        }
        return b.append("</rim:RegistryObjectList>\n</lcm:SubmitObjectsRequest>\n").toString();
    }

    private static void slotXml(StringBuilder b, String name, String value) {
        b.append(" <rim:Slot name=\"").append(name).append("\"><rim:ValueList><rim:Value>").append(escape(value))
                .append("</rim:Value></rim:ValueList></rim:Slot>\n");
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
