package io.segursdk.core.fuzz;

import io.segursdk.core.error.SegurException;
import io.segursdk.core.internal.soap.FaultParser;
import io.segursdk.core.xml.SecureXml;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fuzz tests of sdk-core's parsers: only the SDK's typed exceptions may come out. In the default build they replay
 * their seed corpus ({@code src/test/resources/io/segursdk/core/fuzz/CoreParsersFuzzTestInputs/}); see
 * docs/security.md for a real fuzzing run.
 */
class CoreParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void secureXmlParsesOrRefusesWithATypedError(byte[] input) {
        try {
            SecureXml.instance().parse(input);
        } catch (SegurException expected) {
            // refused: the only allowed outcome besides a document
        }
    }

    @FuzzTest(maxDuration = "30s")
    void soapFaultParserNeverThrowsUntypedErrors(byte[] input) {
        Document doc;
        try {
            doc = SecureXml.instance().parse(input);
        } catch (SegurException notXml) {
            return;
        }
        for (String ns : new String[] {FaultParser.SOAP12, FaultParser.SOAP11}) {
            NodeList faults = doc.getElementsByTagNameNS(ns, "Fault");
            for (int i = 0; i < faults.getLength(); i++) {
                try {
                    FaultParser.parse((Element) faults.item(i), "FUZZ", 500, "uuid:fuzz");
                } catch (SegurException expected) {
                    // an unreadable fault is reported as such
                }
            }
        }
    }
}
