package io.segursdk.ins.fuzz;

import io.segursdk.core.error.SegurException;
import io.segursdk.core.xml.SecureXml;
import io.segursdk.ins.internal.insi.InsiResponseParser;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.w3c.dom.Document;

/**
 * Fuzz test of the INSi response parser: whatever the RESULTAT, only typed exceptions come out. The default build
 * replays the seed corpus ({@code src/test/resources/io/segursdk/ins/fuzz/InsiResponseParserFuzzTestInputs/}).
 */
class InsiResponseParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parsesOrRefusesWithATypedError(byte[] input) {
        Document doc;
        try {
            doc = SecureXml.instance().parse(input);
        } catch (SegurException notXml) {
            return;
        }
        try {
            InsiResponseParser.parse(doc.getDocumentElement(), "uuid:fuzz");
        } catch (SegurException expected) {
            // unreadable RESULTAT
        }
    }
}
