package io.segursdk.core.internal.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    /** Hands out at most a few bytes per read, so that delimiters straddle reads. */
    static InputStream trickle(byte[] bytes, int max) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    @Test
    void readsPartsWhateverTheReadSizes() throws Exception {
        byte[] binary = new byte[200_000];
        new Random(7).nextBytes(binary);
        // content that nearly looks like a delimiter
        byte[] near = "\r\n--bound\r\n--boundar".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(near, 0, binary, 1000, near.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("preamble\r\n--boundary\r\nContent-Type: text/xml\r\nContent-ID: <root>\r\n\r\n<root/>"
                + "\r\n--boundary  \r\nContent-Type: application/pdf\r\nContent-ID:\r\n <doc>\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        body.write(binary);
        body.write("\r\n--boundary--\r\nepilogue".getBytes(StandardCharsets.ISO_8859_1));
        for (int max : new int[] {1, 7, 100, 70_000}) {
            MultipartReader reader = new MultipartReader(trickle(body.toByteArray(), max), "boundary");
            Map<String, String> first = reader.next();
            assertThat(first).containsEntry("content-id", "<root>").containsEntry("content-type", "text/xml");
            assertThat(reader.content().readAllBytes()).asString(StandardCharsets.ISO_8859_1).isEqualTo("<root/>");
            Map<String, String> second = reader.next();
            assertThat(second).containsEntry("content-id", "<doc>");
            assertThat(reader.content().readAllBytes()).isEqualTo(binary);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aTruncatedBodyIsAnError() {
        byte[] body = "--b\r\nContent-ID: <x>\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), "b");
        assertThatThrownBy(() -> {
            reader.next();
            reader.content().readAllBytes();
        }).isInstanceOf(IOException.class);
    }
}
