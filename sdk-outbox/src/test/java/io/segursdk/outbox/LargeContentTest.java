package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 MB document goes through the outbox, encrypted, in a JVM whose heap is 64 MB: content is streamed. */
class LargeContentTest {

    @TempDir
    Path dir;

    @Test
    void twoHundredMegabytesThroughASixtyFourMegabyteHeap() throws Exception {
        long size = 200L * 1024 * 1024;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeContentMain.class.getName(), dir.toString(), Long.toString(size))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(Long.parseLong(value(out, "maxHeap"))).isLessThanOrEqualTo(64L * 1024 * 1024);
        assertThat(value(out, "received")).isEqualTo(value(out, "generated")).hasSize(64);
    }

    private static String value(String out, String name) {
        Matcher m = Pattern.compile("^" + name + "=(\\S+)$", Pattern.MULTILINE).matcher(out);
        assertThat(m.find()).as(name + " in:\n" + out).isTrue();
        return m.group(1);
    }
}
