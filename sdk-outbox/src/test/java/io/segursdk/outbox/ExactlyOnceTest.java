package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.error.TransportException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker dies at each step of a send; a second worker takes over once the lease expires. The service (the
 * {@link Ledger}) must end with exactly one delivery per item, and the outbox with the item SENT and the service's
 * identifiers recorded.
 */
class ExactlyOnceTest {

    /** Where the first worker's process dies. */
    enum Step {
        /** Claimed, but died before calling the service. */
        BEFORE_CALL,
        /** The request reached the service, the process died before the answer came back. */
        DURING_CALL,
        /** The service answered; the process died before recording the outcome. */
        AFTER_CALL_BEFORE_RECORD
    }

    private static JdbcDataSource database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static EnqueueRequest feed(String key) {
        return EnqueueRequest.builder("dmp.feed", key)
                .content(OutboxContent.of(("document " + key).getBytes(StandardCharsets.UTF_8))).build();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aWorkerKilledAtAnyStepLeadsToExactlyOneDelivery(Step step) {
        JdbcDataSource database = database();
        KillableDataSource doomed = new KillableDataSource(database);
        Ledger ledger = new Ledger();
        CountDownLatch died = new CountDownLatch(1);

        LedgerSender dyingSender = new LedgerSender(ledger) {
            @Override
            void beforeDelivery(OutboxItem item) {
                if (step == Step.BEFORE_CALL) {
                    doomed.kill();
                    died.countDown();
                    throw new IllegalStateException("process died before the request left");
                }
            }

            @Override
            void requestSent(OutboxItem item) {
                if (step == Step.DURING_CALL) {
                    doomed.kill();
                    died.countDown();
                }
            }

            @Override
            void afterDelivery(OutboxItem item) {
                if (step == Step.DURING_CALL) {
                    throw new TransportException("connection reset", "DMP", null, 0, true, null);
                }
                if (step == Step.AFTER_CALL_BEFORE_RECORD) {
                    doomed.kill();
                    died.countDown();
                }
            }
        };

        Outbox dyingOutbox = Outbox.builder().dataSource(doomed).build();
        OutboxItem item = dyingOutbox.enqueue(feed("1.2.3." + step.ordinal()));
        OutboxWorker dyingWorker = dyingOutbox.worker().sender("dmp.feed", dyingSender)
                .leaseDuration(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(20)).start();
        await(died);
        Await.until("the dying worker's send to end", () -> dyingWorker.inFlight() == 0);
        dyingOutbox.close(); // the dead process's threads are gone; nothing was recorded

        try (Outbox outbox = Outbox.builder().dataSource(database).build()) {
            OutboxItem stuck = outbox.get(item.id()).orElseThrow();
            assertThat(stuck.status()).as("left as the dead worker had it").isEqualTo(OutboxStatus.SENDING);
            assertThat(ledger.count(item.idempotencyKey()))
                    .isEqualTo(step == Step.BEFORE_CALL ? 0 : 1);

            LedgerSender sender = new LedgerSender(ledger);
            try (OutboxWorker worker = outbox.worker().sender("dmp.feed", sender)
                    .pollInterval(Duration.ofMillis(20)).start()) {
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                assertThat(ledger.count(item.idempotencyKey())).as("deliveries to the service").isEqualTo(1);
                assertThat(sent.attempts()).isEqualTo(2);
                assertThat(sent.serviceIds()).containsEntry("entryUUID",
                        ledger.lookup(item.idempotencyKey()).orElseThrow());
                assertThat(sender.checks.get()).as("checked with the service before re-sending").isEqualTo(1);
                assertThat(sender.sends.get()).isEqualTo(step == Step.BEFORE_CALL ? 1 : 0);
            }
        }
    }

    @Test
    void anAmbiguousFailureIsCheckedBeforeAnyResend() {
        Ledger ledger = new Ledger();
        LedgerSender lostAnswer = new LedgerSender(ledger) {
            @Override
            void afterDelivery(OutboxItem item) {
                if (item.attempts() == 1) {
                    throw new TransportException("read timed out", "DMP", null, 0, true, null);
                }
            }
        };
        try (Outbox outbox = Outbox.builder().dataSource(database()).build();
             OutboxWorker worker = outbox.worker().sender("dmp.feed", lostAnswer)
                     .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).pollInterval(Duration.ofMillis(10))
                     .start()) {
            OutboxItem item = outbox.enqueue(feed("ambiguous"));
            OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(lostAnswer.sends.get()).isEqualTo(1);
            assertThat(ledger.count("ambiguous")).isEqualTo(1);
        }
    }

    @Test
    void anAbruptCloseInterruptsTheSendAndTheNextWorkerDeliversOnce() {
        JdbcDataSource database = database();
        Ledger ledger = new Ledger();
        CountDownLatch inCall = new CountDownLatch(1);
        LedgerSender stalled = new LedgerSender(ledger) {
            @Override
            void beforeDelivery(OutboxItem item) {
                inCall.countDown();
                try {
                    new CountDownLatch(1).await(); // the service never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException("interrupted", "DMP", null, 0, true, e);
                }
            }
        };
        String key = "interrupted";
        try (Outbox outbox = Outbox.builder().dataSource(database).build()) {
            OutboxItem item = outbox.enqueue(feed(key));
            OutboxWorker worker = outbox.worker().sender("dmp.feed", stalled)
                    .shutdownTimeout(Duration.ofMillis(100)).backoff(Duration.ZERO, Duration.ZERO).start();
            await(inCall);
            worker.close();
            assertThat(ledger.count(key)).isZero();

            LedgerSender sender = new LedgerSender(ledger);
            try (OutboxWorker next = outbox.worker().sender("dmp.feed", sender)
                    .pollInterval(Duration.ofMillis(20)).start()) {
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                assertThat(sent.attempts()).isEqualTo(2);
                assertThat(ledger.count(key)).isEqualTo(1);
            }
        }
    }

    @Test
    void aLongSendKeepsItsLeaseAndNoOtherWorkerTakesTheItem() {
        JdbcDataSource database = database();
        Ledger ledger = new Ledger();
        LedgerSender slow = new LedgerSender(ledger) {
            @Override
            void beforeDelivery(OutboxItem item) {
                try {
                    Thread.sleep(4000); // four leases long
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        LedgerSender other = new LedgerSender(ledger);
        try (Outbox first = Outbox.builder().dataSource(database).build();
             Outbox second = Outbox.builder().dataSource(database).build()) {
            OutboxItem item = first.enqueue(feed("slow"));
            // a one-second lease, renewed every third of it: a stall of two thirds of a second would lose it
            try (OutboxWorker a = first.worker().sender("dmp.feed", slow).leaseDuration(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(10)).start()) {
                Await.until("the slow send to start", () -> slow.sends.get() == 1);
                try (OutboxWorker b = second.worker().sender("dmp.feed", other)
                        .leaseDuration(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).start()) {
                    Await.status(first, item.id(), OutboxStatus.SENT);
                }
            }
            assertThat(other.sends.get() + other.checks.get()).as("the second worker never touched it").isZero();
            assertThat(ledger.count("slow")).isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("the worker reached the step").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
