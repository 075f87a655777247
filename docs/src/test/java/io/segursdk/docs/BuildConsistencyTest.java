package io.segursdk.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Each sdk-* module carries its own version. Three places must agree on it: the module's POM, the parent's
 * {@code segur.<module>.version} property (which the other modules depend on), and sdk-bom (what vendors import).
 */
class BuildConsistencyTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String[] MODULES = {"core", "testkit", "cardreader", "ins", "dmp", "mssante", "outbox",
        "testkit-junit"};

    @Test
    void moduleVersionsAgreeWithParentPropertiesAndBom() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("sdk-bom/pom.xml"));
        Map<String, String> bomVersions = new LinkedHashMap<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            bomVersions.put(text(d, "artifactId"), text(d, "version"));
        }
        assertThat(bomVersions.keySet()).as("sdk-bom lists exactly the sdk-* modules")
                .containsExactlyInAnyOrder("sdk-core", "sdk-testkit", "sdk-cardreader", "sdk-ins", "sdk-dmp", "sdk-mssante",
                        "sdk-outbox", "sdk-testkit-junit");

        Element properties = (Element) parent.getElementsByTagName("properties").item(0);
        for (String module : MODULES) {
            String artifact = "sdk-" + module;
            String own = text(read(ROOT.resolve(artifact).resolve("pom.xml")).getDocumentElement(), "version");
            assertThat(text(properties, "segur." + module + ".version"))
                    .as("parent property segur.%s.version", module).isEqualTo(own);
            assertThat(bomVersions.get(artifact)).as("sdk-bom version of %s", artifact).isEqualTo(own);
        }
    }

    @Test
    void bomHasNoParentSoItBringsNoThirdPartyVersions() throws Exception {
        Document bom = read(ROOT.resolve("sdk-bom/pom.xml"));
        assertThat(bom.getElementsByTagName("parent").getLength()).isZero();
        NodeList groups = bom.getElementsByTagName("groupId");
        for (int i = 0; i < groups.getLength(); i++) {
            assertThat(groups.item(i).getTextContent()).isEqualTo("io.segursdk");
        }
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    /** The text of a direct child element, or null. */
    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
