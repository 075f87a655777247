package io.segursdk.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartSpoolerTest {

    static final String TYPE = "multipart/related; type=\"application/xop+xml\"; boundary=\"uuid:b-1\"; "
            + "start=\"<root>\"";

    @TempDir
    Path dir;

    @Test
    void keepsSmallPartsAsReceivedAndWritesLargeOnesToFiles() throws Exception {
        byte[] large = new byte[300_000];
        new Random(7).nextBytes(large);
        byte[] body = body("<env/>".getBytes(StandardCharsets.UTF_8), "small".getBytes(StandardCharsets.UTF_8),
                large);
        MultipartSpooler spooler = new MultipartSpooler(dir, 1000);

        byte[] reduced = spooler.read(TYPE, new Trickle(new ByteArrayInputStream(body), 997));

        List<Multipart.Part> parts = Multipart.parse(TYPE, reduced);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).body()).asString(StandardCharsets.UTF_8).isEqualTo("<env/>");
        assertThat(parts.get(1).body()).asString(StandardCharsets.UTF_8).isEqualTo("small");
        assertThat(parts.get(2).contentId()).isEqualTo("p2");
        assertThat(reduced.length).isLessThan(2000);
        assertThat(spooler.take(parts.get(1).body())).isEmpty();

        MultipartSpooler.Spooled spooled = spooler.take(parts.get(2).body()).orElseThrow();
        assertThat(spooled.file().getParent()).isEqualTo(dir);
        assertThat(Files.readAllBytes(spooled.file())).isEqualTo(large);
        assertThat(spooled.size()).isEqualTo(large.length);
        assertThat(spooled.sha1()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(large)));
        assertThat(spooler.take(parts.get(2).body())).as("taken once").isEmpty();
    }

    @Test
    void discardDeletesAPartNotTaken() throws Exception {
        MultipartSpooler spooler = new MultipartSpooler(dir, 10);
        byte[] reduced = spooler.read(TYPE, new ByteArrayInputStream(body("<env/>".getBytes(StandardCharsets.UTF_8),
                new byte[5000])));
        byte[] placeholder = Multipart.parse(TYPE, reduced).get(1).body();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
        spooler.discard(placeholder);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
        assertThat(spooler.take(placeholder)).isEmpty();
    }

    @Test
    void withoutLargePartsTheBodyIsReturnedByteForByteWhateverItsShape() throws Exception {
        Random random = new Random(42);
        MultipartSpooler spooler = new MultipartSpooler(dir, Integer.MAX_VALUE);
        String[] pieces = {"--uuid:b-1", "\r\n", "--", "Content-ID: <x>", "\r\n\r\n", "abc", "-", "\r",
                "--uuid:b", "\n"};
        for (int round = 0; round < 2000; round++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                b.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] body = b.toByteArray();
            byte[] read = spooler.read(TYPE, new Trickle(new ByteArrayInputStream(body), 1 + random.nextInt(8)));
            assertThat(read).as("round %d", round).isEqualTo(body);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void readsOtherBodiesWhole() throws Exception {
        byte[] body = "<soap:Envelope/>".getBytes(StandardCharsets.UTF_8);
        assertThat(new MultipartSpooler(dir, 1).read("application/soap+xml", new ByteArrayInputStream(body)))
                .isEqualTo(body);
        assertThat(new MultipartSpooler(dir, 1).read(null, new ByteArrayInputStream(body))).isEqualTo(body);
    }

    @Test
    void refusesEndlessPartHeaders() {
        byte[] body = ("--uuid:b-1\r\n" + "X: y\r\n".repeat(20_000)).getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new MultipartSpooler(dir, 10).read(TYPE, new ByteArrayInputStream(body)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aTruncatedLargePartStaysTruncated() throws Exception {
        byte[] full = body("<env/>".getBytes(StandardCharsets.UTF_8), new byte[5000]);
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 40);
        byte[] reduced = new MultipartSpooler(dir, 10).read(TYPE, new ByteArrayInputStream(truncated));
        assertThatThrownBy(() -> Multipart.parse(TYPE, reduced)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closing boundary");
    }

    static byte[] body(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("preamble\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < parts.length; i++) {
            String id = i == 0 ? "root" : "p" + i;
            b.writeBytes(("--uuid:b-1\r\nContent-Type: application/octet-stream\r\nContent-ID: <" + id + ">\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            b.writeBytes(parts[i]);
            b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        b.writeBytes("--uuid:b-1--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    /** Hands out at most a few bytes per read, so that delimiters straddle reads. */
    static final class Trickle extends FilterInputStream {
        private final int max;

        Trickle(InputStream in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, max));
        }
    }
}
