package io.segursdk.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A sender delivering into a {@link Ledger}; tests subclass hooks to fail or stall at chosen points. */
class LedgerSender implements OutboxSender {

    final Ledger ledger;
    final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger checks = new AtomicInteger();

    LedgerSender(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public SendResult send(OutboxItem item, byte[] metadata, InputStream content) {
        sends.incrementAndGet();
        beforeDelivery(item);
        String digest = digest(content);
        requestSent(item);
        String id = ledger.deliver(item.idempotencyKey(), digest);
        afterDelivery(item);
        return new SendResult(java.util.Map.of("uniqueId", item.idempotencyKey(), "entryUUID", id));
    }

    @Override
    public Optional<SendResult> alreadyDelivered(OutboxItem item, byte[] metadata) {
        checks.incrementAndGet();
        return ledger.lookup(item.idempotencyKey())
                .map(id -> new SendResult(java.util.Map.of("uniqueId", item.idempotencyKey(), "entryUUID", id)));
    }

    /** Called before the service takes the delivery. */
    void beforeDelivery(OutboxItem item) {
    }

    /** Called once the whole request left, before the service records it. */
    void requestSent(OutboxItem item) {
    }

    /** Called after the service took the delivery, before the sender returns. */
    void afterDelivery(OutboxItem item) {
    }

    static String digest(InputStream in) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digest(byte[] data) {
        return digest(new java.io.ByteArrayInputStream(data));
    }
}
