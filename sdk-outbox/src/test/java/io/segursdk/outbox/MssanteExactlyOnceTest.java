package io.segursdk.outbox;

import io.segursdk.mssante.MssanteClient;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.outbox.mssante.MssanteOutbox;
import io.segursdk.outbox.mssante.MssanteSender;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once against a real mail operator (Dovecot + Postfix): the process sending a message dies at each step of
 * the send (its database connections cut, its worker abandoned); a new process's worker takes the item over once the
 * lease expires, checks for a delivery report or waits out the grace period, and sends again only when the first
 * attempt never reached the operator. The recipient's mailbox must end with exactly one message with the item's
 * Message-ID (counted over IMAP), and the outbox with the item SENT.
 */
class MssanteExactlyOnceTest extends MailWorldTest {

    /** Where the first process dies. */
    enum Step {
        /** Claimed, but died before calling the operator. */
        BEFORE_CALL,
        /** The connection was cut before the message's final "." reached the operator: nothing was queued. */
        CUT_BEFORE_END_OF_DATA,
        /** The "." reached the operator, which queued the message; its 250 reply never reached the client. */
        CUT_AFTER_END_OF_DATA,
        /** The operator accepted the message; the process died before recording the outcome. */
        AFTER_CALL_BEFORE_RECORD;

        boolean reachedOperator() {
            return this == CUT_AFTER_END_OF_DATA || this == AFTER_CALL_BEFORE_RECORD;
        }
    }

    static final Duration GRACE = Duration.ofSeconds(3);

    @ParameterizedTest
    @EnumSource(Step.class)
    void aProcessKilledAtAnyStepOfASendLeavesExactlyOneMessageInTheMailbox(Step step) throws Exception {
        String from = "dr.envoi" + step.ordinal() + "@test.mssante.fr";
        String to = "dr.reception" + step.ordinal() + "@test.mssante.fr";
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        KillableDataSource doomed = new KillableDataSource(database);

        try (MssanteClient dyingClient = mail.viaProxy(from); MssanteClient recipient = mail.direct(to)) {
            CountingSender dying = new CountingSender(MssanteSender.builder(dyingClient).deliveryGrace(GRACE).build()) {
                @Override
                void beforeCall(OutboxItem item) {
                    if (step == Step.BEFORE_CALL) {
                        doomed.kill();
                        throw new IllegalStateException("process died before the message left");
                    }
                }

                @Override
                void afterCall(OutboxItem item) {
                    if (step == Step.AFTER_CALL_BEFORE_RECORD) {
                        doomed.kill();
                    }
                }
            };
            if (step == Step.CUT_BEFORE_END_OF_DATA) {
                mail.proxy.arm(SmtpCutProxy.Cut.BEFORE_END_OF_DATA, doomed::kill);
            } else if (step == Step.CUT_AFTER_END_OF_DATA) {
                mail.proxy.arm(SmtpCutProxy.Cut.AFTER_END_OF_DATA, doomed::kill);
            }
            Outbox dyingOutbox = Outbox.builder().dataSource(doomed).build();
            OutboxItem item = MssanteOutbox.enqueue(dyingOutbox, MssanteMessage.builder()
                    .to(to).subject("Compte rendu").text("Voir la pièce jointe.")
                    .attachment("cr.pdf", "application/pdf", "%PDF-1.4 compte rendu".getBytes())
                    .build());
            String messageId = item.idempotencyKey();
            // the test's sender wrapper declares no send bound, so a lease this short is accepted
            OutboxWorker dyingWorker = dyingOutbox.worker().sender(MssanteOutbox.KIND, dying)
                    .leaseDuration(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(20))
                    .shutdownTimeout(Duration.ofMillis(200)).start();
            Await.until("the dying process to stop sending", () -> dying.sends.get() == 1
                    && dyingWorker.inFlight() == 0);
            if (step == Step.CUT_BEFORE_END_OF_DATA || step == Step.CUT_AFTER_END_OF_DATA) {
                assertThat(mail.proxy.hasCut()).as("the proxy cut the submission").isTrue();
            }
            dyingOutbox.close(); // its threads are gone; nothing was recorded

            if (step.reachedOperator()) {
                // the operator delivers what it queued, whatever became of the caller
                Await.until("the operator to deliver", () -> MailWorld.count(recipient, messageId) == 1);
            } else {
                assertThat(MailWorld.count(recipient, messageId)).isZero();
            }

            try (Outbox outbox = Outbox.builder().dataSource(database).build()) {
                OutboxItem left = outbox.get(item.id()).orElseThrow();
                assertThat(left.status()).as("left as the dead process had it").isEqualTo(OutboxStatus.SENDING);
                Instant firstSend = left.sendStartedAt().orElseThrow();
                // When the operator took the message its delivery report must be what stops a resend, however long it
                // takes to come: the grace period is then long. When it did not, the short one lets the test end.
                CountingSender sender = new CountingSender(MssanteSender.builder(mail.direct(from))
                        .deliveryGrace(step.reachedOperator() ? LONG_GRACE : GRACE).build());
                try (OutboxWorker worker = outbox.worker().sender(MssanteOutbox.KIND, sender)
                        .pollInterval(Duration.ofMillis(20)).backoff(Duration.ofMillis(200), Duration.ofMillis(500))
                        .maxAttempts(1000).start()) {
                    OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                    Await.until("the message to be in the mailbox", () -> MailWorld.count(recipient, messageId) >= 1);
                    // a duplicate would follow the same path through the operator: let its queue run dry
                    Thread.sleep(1500);
                    assertThat(MailWorld.count(recipient, messageId)).as("messages with the item's Message-ID")
                            .isEqualTo(1);
                    assertThat(sent.serviceIds()).containsEntry(MssanteSender.MESSAGE_ID, messageId)
                            .containsEntry(MssanteSender.CONFIRMED_BY, step.reachedOperator() ? "dsn" : "submission");
                    assertThat(sender.checks.get()).as("looked for the message before any re-send")
                            .isGreaterThanOrEqualTo(1);
                    assertThat(sender.sends.get()).isEqualTo(step.reachedOperator() ? 0 : 1);
                    if (!step.reachedOperator()) {
                        assertThat(sent.sendStartedAt().orElseThrow()).as("sent again only after the grace period")
                                .isAfterOrEqualTo(firstSend.plus(GRACE));
                    }
                }
            }
        }
    }
}
