package io.segursdk.outbox;

import io.segursdk.testkit.dmp.GeneratedContent;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.spec.SecretKeySpec;

/**
 * Run in a JVM with a small heap by {@link LargeContentTest}: enqueues a generated stream much larger than the heap,
 * encrypted, and sends it; prints the digests of what was generated and what the service received.
 */
public final class LargeContentMain {

    private LargeContentMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        MessageDigest generated = MessageDigest.getInstance("SHA-256");
        Ledger ledger = new Ledger();
        try (Outbox outbox = Outbox.builder().embedded(dir).encryptionKey(new SecretKeySpec(new byte[32], "AES"))
                .build()) {
            InputStream source = new DigestInputStream(new GeneratedContent(0x9E3779B97F4A7C15L, size), generated);
            OutboxItem item = outbox.enqueue(EnqueueRequest.builder("dmp.feed", "large")
                    .content(OutboxContent.of(source)).build());
            if (item.contentLength() != size) {
                throw new IllegalStateException("stored length " + item.contentLength());
            }
            try (OutboxWorker worker = outbox.worker().sender("dmp.feed", new LedgerSender(ledger))
                    .pollInterval(Duration.ofMillis(50)).start()) {
                Await.status(outbox, item.id(), OutboxStatus.SENT);
            }
        }
        System.out.println("generated=" + HexFormat.of().formatHex(generated.digest()));
        System.out.println("received=" + ledger.digest("large"));
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
