package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.core.error.TransportException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full lifecycle on the embedded H2 database. */
class OutboxLifecycleTest {

    @TempDir
    Path dir;

    private static EnqueueRequest feed(String uniqueId, String text) {
        return EnqueueRequest.builder("dmp.feed", uniqueId)
                .metadata(("title=" + uniqueId).getBytes(StandardCharsets.UTF_8))
                .content(OutboxContent.of(text.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @Test
    void enqueuedItemIsSentAndRecordsTheServiceIdentifiers() throws Exception {
        Ledger ledger = new Ledger();
        // tag::desktop[]
        try (Outbox outbox = Outbox.builder().embedded(dir.resolve("outbox")).build()) {
            OutboxWorker worker = outbox.worker()
                    .sender("dmp.feed", new LedgerSender(ledger))
                    .concurrency(2)
                    .start();
            OutboxItem item = outbox.enqueue(EnqueueRequest.builder("dmp.feed", "1.2.250.1.999.1.42")
                    .metadata("title=CR".getBytes(StandardCharsets.UTF_8))
                    .content(OutboxContent.of("a report".getBytes(StandardCharsets.UTF_8)))
                    .build());
            // end::desktop[]
            OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
            assertThat(sent.serviceIds()).containsEntry("uniqueId", "1.2.250.1.999.1.42")
                    .containsKey("entryUUID");
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.lastError()).isEmpty();
            assertThat(ledger.count("1.2.250.1.999.1.42")).isEqualTo(1);
            assertThat(ledger.digest("1.2.250.1.999.1.42"))
                    .isEqualTo(LedgerSender.digest("a report".getBytes(StandardCharsets.UTF_8)));
            assertThat(outbox.readMetadata(item.id())).asString(StandardCharsets.UTF_8).isEqualTo("title=CR");
            // sent content is deleted from storage
            assertThatThrownBy(() -> outbox.openContent(item.id()).read())
                    .isInstanceOf(OutboxException.class);
            worker.close();
        }
    }

    @Test
    void itemsSurviveARestartAndTheSchemaIsVersioned() throws Exception {
        String id;
        try (Outbox outbox = Outbox.builder().embedded(dir).build()) {
            id = outbox.enqueue(feed("k1", "x")).id();
        }
        try (Outbox outbox = Outbox.builder().embedded(dir).build()) {
            assertThat(outbox.get(id)).get().extracting(OutboxItem::status).isEqualTo(OutboxStatus.PENDING);
            try (InputStream in = outbox.openContent(id)) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("x");
            }
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("outbox"), "outbox", "");
             var rs = c.createStatement().executeQuery("SELECT MAX(version) FROM outbox_schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void holdReleaseCancelAndListeners() {
        List<String> changes = new CopyOnWriteArrayList<>();
        try (Outbox outbox = Outbox.builder().embedded(dir).build()) {
            outbox.addListener((item, previous) -> changes.add(previous + ">" + item.status()));
            OutboxItem a = outbox.enqueue(feed("a", "A"));
            OutboxItem b = outbox.enqueue(EnqueueRequest.builder("dmp.feed", "b")
                    .content(OutboxContent.of(new byte[] {1})).held(true).build());
            assertThat(b.status()).isEqualTo(OutboxStatus.HELD);

            assertThat(outbox.hold(a.id()).status()).isEqualTo(OutboxStatus.HELD);
            assertThatThrownBy(() -> outbox.hold(a.id())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HELD");
            assertThat(outbox.release(a.id()).status()).isEqualTo(OutboxStatus.PENDING);
            OutboxItem cancelled = outbox.cancel(b.id());
            assertThat(cancelled.status()).isEqualTo(OutboxStatus.CANCELLED);
            assertThatThrownBy(() -> outbox.release(b.id())).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> outbox.cancel("no-such-id")).isInstanceOf(IllegalArgumentException.class);

            assertThat(changes).containsExactly("null>PENDING", "null>HELD", "PENDING>HELD", "HELD>PENDING",
                    "HELD>CANCELLED");

            Ledger ledger = new Ledger();
            try (OutboxWorker worker = outbox.worker().sender("dmp.feed", new LedgerSender(ledger))
                    .pollInterval(Duration.ofMillis(50)).start()) {
                Await.status(outbox, a.id(), OutboxStatus.SENT);
                assertThat(worker.workerId()).startsWith("worker-");
            }
            assertThat(ledger.count("a")).isEqualTo(1);
            assertThat(ledger.count("b")).as("cancelled items are never sent").isZero();
            assertThat(changes).contains("PENDING>SENDING", "SENDING>SENT");
        }
    }

    @Test
    void queryByStatusKindAndDate() {
        try (Outbox outbox = Outbox.builder().embedded(dir).build()) {
            Instant start = Instant.now().minusSeconds(1);
            OutboxItem f1 = outbox.enqueue(feed("f1", "1"));
            OutboxItem f2 = outbox.enqueue(feed("f2", "2"));
            OutboxItem m1 = outbox.enqueue(EnqueueRequest.builder("mssante.message", "<m1@example.org>")
                    .content(OutboxContent.of(new byte[] {9})).build());
            outbox.hold(f2.id());

            assertThat(outbox.query(OutboxQuery.byStatus(OutboxStatus.PENDING))).extracting(OutboxItem::id)
                    .containsExactlyInAnyOrder(f1.id(), m1.id());
            assertThat(outbox.query(OutboxQuery.builder().kinds("dmp.feed").build())).extracting(OutboxItem::id)
                    .containsExactlyInAnyOrder(f1.id(), f2.id());
            assertThat(outbox.query(OutboxQuery.builder().kinds("mssante.message")
                    .statuses(OutboxStatus.PENDING, OutboxStatus.HELD).build())).extracting(OutboxItem::id)
                    .containsExactly(m1.id());
            assertThat(outbox.query(OutboxQuery.builder().createdBetween(start, Instant.now().plusSeconds(1))
                    .build())).hasSize(3);
            assertThat(outbox.query(OutboxQuery.builder().createdBetween(null, start).build())).isEmpty();
            assertThat(outbox.query(OutboxQuery.builder().limit(2).build())).hasSize(2);
            assertThat(outbox.findByIdempotencyKey("mssante.message", "<m1@example.org>")).get()
                    .extracting(OutboxItem::id).isEqualTo(m1.id());
        }
    }

    @Test
    void aSecondItemWithTheSameKindAndKeyIsRefused() {
        try (Outbox outbox = Outbox.builder().embedded(dir).build()) {
            outbox.enqueue(feed("dup", "1"));
            assertThatThrownBy(() -> outbox.enqueue(feed("dup", "2"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already in the outbox");
            assertThat(outbox.query(OutboxQuery.builder().build())).hasSize(1);
        }
    }

    @Test
    void retryableFailuresBackOffThenSucceedAfterCheckingWithTheService() {
        Ledger ledger = new Ledger();
        AtomicInteger failures = new AtomicInteger(2);
        LedgerSender sender = new LedgerSender(ledger) {
            @Override
            void beforeDelivery(OutboxItem item) {
                if (failures.getAndDecrement() > 0) {
                    throw new TransportException("connection refused", "DMP", null, 0, true, null);
                }
            }
        };
        try (Outbox outbox = Outbox.builder().embedded(dir).build();
             OutboxWorker worker = outbox.worker().sender("dmp.feed", sender)
                     .backoff(Duration.ofMillis(50), Duration.ofMillis(200)).pollInterval(Duration.ofMillis(20))
                     .start()) {
            OutboxItem item = outbox.enqueue(feed("retry", "R"));
            OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(3);
            assertThat(sender.checks.get()).as("attempts 2 and 3 checked with the service first").isEqualTo(2);
            assertThat(ledger.count("retry")).isEqualTo(1);
            assertThat(worker.inFlight()).isZero();
        }
    }

    @Test
    void retryableFailureIsRecordedWithItsReasonAndNextAttemptTime() {
        LedgerSender sender = new LedgerSender(new Ledger()) {
            @Override
            void beforeDelivery(OutboxItem item) {
                throw new TransportException("service unavailable", "DMP", "urn:uuid:1", 503, true, null);
            }
        };
        try (Outbox outbox = Outbox.builder().embedded(dir).build();
             OutboxWorker worker = outbox.worker().sender("dmp.feed", sender)
                     .backoff(Duration.ofHours(1), Duration.ofHours(2)).start()) {
            Instant before = Instant.now();
            OutboxItem item = outbox.enqueue(feed("later", "L"));
            Await.until("the first attempt to be recorded",
                    () -> outbox.get(item.id()).orElseThrow().lastError().isPresent());
            OutboxItem pending = outbox.get(item.id()).orElseThrow();
            assertThat(pending.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(pending.attempts()).isEqualTo(1);
            assertThat(pending.lastError()).contains(new OutboxError("TransportException", "HTTP 503",
                    "service unavailable"));
            // equal jitter: between half and all of the one-hour initial delay
            assertThat(pending.nextAttemptAt()).isBetween(before.plus(Duration.ofMinutes(30)),
                    Instant.now().plus(Duration.ofHours(1)));
        }
    }

    @Test
    void permanentFailureIsDeadLetteredAndCanBeRetriedByHand() {
        Ledger ledger = new Ledger();
        AtomicInteger refusals = new AtomicInteger(1);
        LedgerSender sender = new LedgerSender(ledger) {
            @Override
            void beforeDelivery(OutboxItem item) {
                if (refusals.getAndDecrement() > 0) {
                    throw new ServiceFaultException("document refused", "DMP", "XDSRegistryError", null,
                            "DMPInvalidDocument", null, "metadata invalid", false, null);
                }
            }
        };
        try (Outbox outbox = Outbox.builder().embedded(dir).build();
             OutboxWorker worker = outbox.worker().sender("dmp.feed", sender).pollInterval(Duration.ofMillis(20))
                     .start()) {
            OutboxItem item = outbox.enqueue(feed("bad", "B"));
            OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);
            assertThat(failed.lastError()).get().satisfies(e -> {
                assertThat(e.type()).isEqualTo("ServiceFaultException");
                assertThat(e.code()).isEqualTo("XDSRegistryError");
                assertThat(e.message()).isEqualTo("document refused");
            });
            assertThat(ledger.count("bad")).isZero();

            outbox.release(item.id());
            OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(ledger.count("bad")).isEqualTo(1);
        }
    }

    @Test
    void tooManyRetryableFailuresEndInTheDeadLetterState() {
        LedgerSender sender = new LedgerSender(new Ledger()) {
            @Override
            void beforeDelivery(OutboxItem item) {
                throw new TransportException("timeout", "DMP", null, 0, true, null);
            }
        };
        try (Outbox outbox = Outbox.builder().embedded(dir).build();
             OutboxWorker worker = outbox.worker().sender("dmp.feed", sender).maxAttempts(3)
                     .backoff(Duration.ZERO, Duration.ZERO).pollInterval(Duration.ofMillis(10)).start()) {
            OutboxItem item = outbox.enqueue(feed("flaky", "F"));
            OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.lastError()).get().extracting(OutboxError::type).isEqualTo("TransportException");
        }
    }

    @Test
    void nonSdkExceptionsKeepOnlyTheirType() {
        LedgerSender sender = new LedgerSender(new Ledger()) {
            @Override
            void beforeDelivery(OutboxItem item) {
                throw new IllegalStateException("patient DUPONT Jean");
            }
        };
        try (Outbox outbox = Outbox.builder().embedded(dir).build();
             OutboxWorker worker = outbox.worker().sender("dmp.feed", sender).maxAttempts(1).start()) {
            OutboxItem item = outbox.enqueue(feed("x", "X"));
            OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);
            assertThat(failed.lastError()).get().satisfies(e -> {
                assertThat(e.type()).isEqualTo("IllegalStateException");
                assertThat(e.message()).doesNotContain("DUPONT");
            });
        }
    }

    @Test
    void referencedFileIsReadAtSendTime() throws Exception {
        Path doc = Files.writeString(dir.resolve("report.pdf"), "referenced content");
        Ledger ledger = new Ledger();
        try (Outbox outbox = Outbox.builder().embedded(dir.resolve("db")).build()) {
            OutboxItem item = outbox.enqueue(EnqueueRequest.builder("dmp.feed", "ref")
                    .content(OutboxContent.reference(doc)).held(true).build());
            assertThat(item.contentLength()).isEqualTo(Files.size(doc));
            Files.writeString(doc, "changed before sending");
            outbox.release(item.id());
            try (OutboxWorker worker = outbox.worker().sender("dmp.feed", new LedgerSender(ledger)).start()) {
                Await.status(outbox, item.id(), OutboxStatus.SENT);
            }
            assertThat(ledger.digest("ref"))
                    .isEqualTo(LedgerSender.digest("changed before sending".getBytes(StandardCharsets.UTF_8)));
            assertThat(doc).exists();
        }
    }

    @Test
    void missingReferencedFileIsAPermanentContentFailure() throws Exception {
        Path doc = Files.writeString(dir.resolve("gone.pdf"), "soon gone");
        try (Outbox outbox = Outbox.builder().embedded(dir.resolve("db")).build();
             OutboxWorker worker = outbox.worker().sender("dmp.feed", new LedgerSender(new Ledger())).start()) {
            OutboxItem item = outbox.enqueue(EnqueueRequest.builder("dmp.feed", "gone")
                    .content(OutboxContent.reference(doc)).held(true).build());
            Files.delete(doc);
            outbox.release(item.id());
            OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);
            assertThat(failed.lastError()).get().extracting(OutboxError::message).asString().contains("gone");
        }
    }

    @Test
    void rateLimitPerKindHoldsBackFurtherSends() {
        Ledger ledger = new Ledger();
        try (Outbox outbox = Outbox.builder().embedded(dir).build();
             OutboxWorker worker = outbox.worker().sender("mssante.message", new LedgerSender(ledger))
                     .sender("dmp.feed", new LedgerSender(ledger))
                     .rateLimit("mssante.message", 2, Duration.ofHours(1)).pollInterval(Duration.ofMillis(20))
                     .start()) {
            for (int i = 0; i < 5; i++) {
                outbox.enqueue(EnqueueRequest.builder("mssante.message", "<" + i + "@example.org>")
                        .content(OutboxContent.of(new byte[] {(byte) i})).build());
            }
            OutboxItem feed = outbox.enqueue(feed("unlimited", "U"));
            Await.status(outbox, feed.id(), OutboxStatus.SENT);
            Await.until("two messages sent",
                    () -> outbox.query(OutboxQuery.byStatus(OutboxStatus.SENT)).size() == 3);
            // the worker polls again many times; the bucket, refilled at 2 per hour, lets nothing more through
            for (int i = 0; i < 10; i++) {
                worker.wakeUp();
                Await.until("an idle worker", () -> worker.inFlight() == 0);
            }
            assertThat(outbox.query(OutboxQuery.builder().kinds("mssante.message")
                    .statuses(OutboxStatus.PENDING).build())).hasSize(3);
            assertThat(ledger.total()).isEqualTo(3);
        }
    }

    @Test
    void serviceIdentifiersAreKeptInOrder() {
        SendResult r = new SendResult(Map.of("b", "2", "a", "1"));
        assertThat(r.serviceIds().keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> SendResult.of("bad name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendResult.of("ok", "two\nlines")).isInstanceOf(IllegalArgumentException.class);
    }
}
