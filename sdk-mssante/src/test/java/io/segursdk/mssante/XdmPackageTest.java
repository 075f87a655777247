package io.segursdk.mssante;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** IHE XDM packaging: layout, metadata, round trip, and hostile archives refused with typed errors. */
class XdmPackageTest {

    private static final byte[] CDA = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF = "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII);

    private static XdmPackage sample() {
        return XdmPackage.of("1930169123045^^^&1.2.250.1.213.1.4.8&ISO^NH", List.of(
                new XdmDocument("DOC0001.XML", "text/xml", "Compte rendu", "11488-4", CDA),
                new XdmDocument("DOC0002.PDF", "application/pdf", "Compte rendu (PDF)", null, PDF)));
    }

    @Test
    void layoutHasReadmeIndexMetadataAndDocuments() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        String metadata = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(sample().toZip()))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                names.add(e.getName());
                if (e.getName().endsWith("METADATA.XML")) {
                    metadata = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).contains("README.TXT", "INDEX.HTM", "IHE_XDM/SUBSET01/METADATA.XML",
                "IHE_XDM/SUBSET01/DOC0001.XML", "IHE_XDM/SUBSET01/DOC0002.PDF");
        assertThat(metadata).contains("SubmitObjectsRequest", "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0",
                "ExtrinsicObject", "DOC0001.XML", "11488-4", "1.2.250.1.213.1.4.8");
    }

    @Test
    void roundTrip() {
        XdmPackage read = XdmPackage.read(new ByteArrayInputStream(sample().toZip()), XdmLimits.DEFAULT);
        assertThat(read.documents()).containsExactlyElementsOf(sample().documents());
        assertThat(read.patientInsCx()).isEqualTo(sample().patientInsCx());
    }

    @Test
    void subjectConvention() {
        assertThat(XdmPackage.subject("CR d'examens biologiques", "Vial-Hénaff", "Paul", LocalDate.of(1978, 11, 26)))
                .isEqualTo("XDM/1.0/DDM+CR d'examens biologiques VIAL-HENAFF Paul 26/11/1978");
        assertThat(XdmPackage.subject("x".repeat(60), "Vial", "Paul", null)).isEqualTo(
                "XDM/1.0/DDM+" + "x".repeat(40) + " VIAL Paul");
    }

    @Test
    void pathTraversalIsRefused() throws IOException {
        for (String evil : List.of("../evil.txt", "IHE_XDM/SUBSET01/../../../etc/passwd", "/etc/passwd", "C:/x.txt")) {
            byte[] zip = zip(withLayout(), evil, "x".getBytes(StandardCharsets.US_ASCII));
            assertThat(refusal(zip, XdmLimits.DEFAULT)).as(evil).isEqualTo("xdm.path");
        }
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < 20; i++) {
                z.putNextEntry(new ZipEntry("IHE_XDM/SUBSET01/F" + i));
                z.write(1);
                z.closeEntry();
            }
        }
        assertThat(refusal(out.toByteArray(), new XdmLimits(10, 1 << 20, 1 << 22, 100))).isEqualTo("xdm.entries");
    }

    @Test
    void oversizedEntriesAndZipBombsAreRefused() throws IOException {
        byte[] zeros = new byte[3 << 20];
        byte[] bomb = zip(withLayout(), "IHE_XDM/SUBSET01/ZEROS.BIN", zeros);
        assertThat(refusal(bomb, XdmLimits.DEFAULT)).isEqualTo("xdm.ratio");
        assertThat(refusal(bomb, new XdmLimits(100, 1 << 20, 50L << 20, 100000))).isEqualTo("xdm.entrySize");
        assertThat(refusal(bomb, new XdmLimits(100, 10L << 20, 2 << 20, 100000))).isEqualTo("xdm.totalSize");
    }

    @Test
    void missingPiecesAndGarbageAreRefused() throws IOException {
        assertThat(refusal(zip(List.of(), "README.TXT", new byte[] {1}), XdmLimits.DEFAULT)).isEqualTo("xdm.layout");
        assertThat(refusal("not a zip at all".getBytes(StandardCharsets.US_ASCII), XdmLimits.DEFAULT))
                .isIn("xdm.zip", "xdm.layout");
        List<Object[]> layout = new java.util.ArrayList<>(withLayout());
        layout.set(2, new Object[] {"IHE_XDM/SUBSET01/METADATA.XML",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".getBytes(StandardCharsets.US_ASCII)});
        assertThat(refusal(zip(layout, "IHE_XDM/SUBSET01/X", new byte[] {1}), XdmLimits.DEFAULT))
                .isEqualTo("xdm.metadata");
    }

    @Test
    void tamperedDocumentIsRefusedByItsHash() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(sample().toZip()));
             ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().endsWith("DOC0002.PDF") ? "%PDF-1.4 TAMPERED".getBytes(StandardCharsets.US_ASCII)
                        : content);
                z.closeEntry();
            }
        }
        assertThat(refusal(out.toByteArray(), XdmLimits.DEFAULT)).isEqualTo("xdm.hash");
    }

    /** Metadata as another module would build it: richer than the minimal one (a uniqueId, a creation time). */
    private static byte[] providedMetadata(String... uris) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<lcm:SubmitObjectsRequest xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"><rim:RegistryObjectList>");
        int i = 0;
        for (String uri : uris) {
            i++;
            b.append("<rim:ExtrinsicObject id=\"urn:uuid:00000000-0000-4000-8000-00000000000").append(i)
                    .append("\" mimeType=\"text/xml\"><rim:Slot name=\"creationTime\"><rim:ValueList>")
                    .append("<rim:Value>20260302091530</rim:Value></rim:ValueList></rim:Slot>")
                    .append("<rim:Slot name=\"URI\"><rim:ValueList><rim:Value>").append(uri)
                    .append("</rim:Value></rim:ValueList></rim:Slot>")
                    .append("<rim:Name><rim:LocalizedString value=\"Document ").append(i)
                    .append("\"/></rim:Name><rim:ExternalIdentifier id=\"urn:uuid:10000000-0000-4000-8000-00000000000")
                    .append(i).append("\" identificationScheme=\"urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab\"")
                    .append(" value=\"1.2.250.1.999.1.1.4242.1.").append(i).append("\"/></rim:ExtrinsicObject>");
        }
        return b.append("</rim:RegistryObjectList></lcm:SubmitObjectsRequest>\n").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void providedMetadataIsWrittenAndReadBackAsIs() throws IOException {
        byte[] metadata = providedMetadata("DOC0001.XML", "DOC0002.PDF");
        XdmPackage pkg = sample().withMetadata(metadata);
        assertThat(pkg.metadataXml()).isEqualTo(metadata);

        byte[] zip = pkg.toZip();
        byte[] written = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals("IHE_XDM/SUBSET01/METADATA.XML")) {
                    written = in.readAllBytes();
                }
            }
        }
        assertThat(written).as("METADATA.XML is the provided one, byte for byte").isEqualTo(metadata);

        XdmPackage read = XdmPackage.read(new ByteArrayInputStream(zip), XdmLimits.DEFAULT);
        assertThat(read.metadataXml()).isEqualTo(metadata);
        assertThat(read.documents()).extracting(XdmDocument::fileName).containsExactly("DOC0001.XML", "DOC0002.PDF");
        assertThat(read.documents().get(0).content()).isEqualTo(CDA);
        assertThat(read.documents().get(1).content()).isEqualTo(PDF);
        assertThat(read.documents()).extracting(XdmDocument::title).containsExactly("Document 1", "Document 2");
    }

    @Test
    void defaultMetadataIsTheMinimalOneAndStableAcrossWrites() {
        XdmPackage pkg = sample();
        assertThat(new String(pkg.metadataXml(), StandardCharsets.UTF_8)).contains("DOC0001.XML", "11488-4");
        XdmPackage read = XdmPackage.read(new ByteArrayInputStream(pkg.toZip()), XdmLimits.DEFAULT);
        assertThat(read.metadataXml()).isEqualTo(pkg.metadataXml());
    }

    @Test
    void malformedOrMismatchedMetadataIsRefused() {
        XdmPackage pkg = sample();
        for (byte[] bad : List.of("<lcm:SubmitObjectsRequest".getBytes(StandardCharsets.UTF_8),
                "<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>".getBytes(StandardCharsets.UTF_8),
                new byte[0])) {
            XdmArchiveException e = catchThrowableOfType(() -> pkg.withMetadata(bad), XdmArchiveException.class);
            assertThat(e).as("refused").isNotNull();
            assertThat(e.violations().get(0).field()).isEqualTo("xdm.metadata");
        }
        for (byte[] mismatched : List.of(providedMetadata("DOC0001.XML"),
                providedMetadata("DOC0001.XML", "OTHER.PDF"),
                providedMetadata("DOC0001.XML", "DOC0002.PDF", "DOC0002.PDF"))) {
            XdmArchiveException e = catchThrowableOfType(() -> pkg.withMetadata(mismatched),
                    XdmArchiveException.class);
            assertThat(e).as("refused").isNotNull();
            assertThat(e.violations().get(0).field()).isEqualTo("xdm.metadata");
        }
        assertThat(pkg.metadataXml()).as("the package is unchanged").isNotEmpty();
    }

    private static String refusal(byte[] zip, XdmLimits limits) {
        XdmArchiveException e = catchThrowableOfType(() -> XdmPackage.read(new ByteArrayInputStream(zip), limits),
                XdmArchiveException.class);
        assertThat(e).as("refused").isNotNull();
        return e.violations().get(0).field();
    }

    private static List<Object[]> withLayout() {
        return List.of(new Object[] {"README.TXT", "r".getBytes(StandardCharsets.US_ASCII)},
                new Object[] {"INDEX.HTM", "i".getBytes(StandardCharsets.US_ASCII)},
                new Object[] {"IHE_XDM/SUBSET01/METADATA.XML", "<x/>".getBytes(StandardCharsets.US_ASCII)});
    }

    private static byte[] zip(List<Object[]> first, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Object[] f : first) {
                z.putNextEntry(new ZipEntry((String) f[0]));
                z.write((byte[]) f[1]);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
