package io.segursdk.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz test of the testkit's MIME multipart (MTOM) parsing: a malformed body is an IllegalArgumentException, never
 * another error. The input's first line is the boundary, the rest the body. The default build replays the seed
 * corpus ({@code src/test/resources/io/segursdk/testkit/internal/MultipartFuzzTestInputs/}).
 */
class MultipartFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parsesOrRefuses(byte[] input) {
        int newline = 0;
        while (newline < input.length && input[newline] != '\n') {
            newline++;
        }
        String boundary = new String(input, 0, newline, StandardCharsets.ISO_8859_1);
        byte[] body = newline < input.length ? Arrays.copyOfRange(input, newline + 1, input.length) : new byte[0];
        try {
            Multipart.parse("multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary + "\"", body);
        } catch (IllegalArgumentException expected) {
            // malformed multipart
        }
    }
}
