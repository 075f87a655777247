package io.segursdk.dmp.internal;

import io.segursdk.core.error.SegurException;
import io.segursdk.core.xml.SecureXml;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.w3c.dom.Document;

/**
 * Fuzz test of the ebXML parsing (RegistryResponse, AdhocQueryResponse): only typed exceptions come out. The
 * default build replays the seed corpus
 * ({@code src/test/resources/io/segursdk/dmp/internal/RegistryResponseParserFuzzTestInputs/}).
 */
class RegistryResponseParserFuzzTest {

    private static final RegistryResponseParser PARSER = new RegistryResponseParser(new XdsJaxb());

    @FuzzTest(maxDuration = "30s")
    void parsesOrRefusesWithATypedError(byte[] input) {
        Document doc;
        try {
            doc = SecureXml.instance().parse(input);
        } catch (SegurException notXml) {
            return;
        }
        try {
            PARSER.parseRegistryResponse(doc.getDocumentElement(), "uuid:fuzz");
        } catch (SegurException expected) {
            // refused or failure reported by the registry
        }
        try {
            PARSER.parseQueryResponse(doc.getDocumentElement(), "uuid:fuzz");
        } catch (SegurException expected) {
            // refused or failure reported by the registry
        }
    }
}
