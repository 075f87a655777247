package io.segursdk.outbox;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.mssante.IncomingMessage;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.mssante.MssanteMessage;
import io.segursdk.outbox.mssante.AttemptNotSubmittedException;
import io.segursdk.outbox.mssante.MssanteOutbox;
import io.segursdk.outbox.mssante.MssanteSender;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the MSSanté sender sends a message again, against a real mail operator (Dovecot + Postfix) and the test's SMTP
 * proxy: at once after an attempt that provably submitted nothing; only after the grace period, or never when the
 * operator's delivery report or a Sent copy is found, after an attempt whose outcome is unknown.
 */
class MssanteResendTest extends MailWorldTest {

    @Test
    void aRefusedConnectionIsSentAgainAtOnce(@TempDir Path dir) throws Exception {
        String from = "dr.refus.connexion@test.mssante.fr";
        String to = "dr.dest.connexion@test.mssante.fr";
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // closed below: connections to it are refused
        }
        try (MssanteClient unreachable = mail.builder(from, closed).build();
             MssanteClient live = mail.direct(from);
             MssanteClient recipient = mail.direct(to);
             Outbox outbox = Outbox.builder().embedded(dir).build()) {
            List<OutboxItem> changes = record(outbox);
            // the first attempt goes to the closed port, the next ones to the operator
            CountingSender sender = new CountingSender(new FirstSendThrough(
                    MssanteSender.builder(unreachable).deliveryGrace(LONG_GRACE).build(),
                    MssanteSender.builder(live).deliveryGrace(LONG_GRACE).build()));
            try (OutboxWorker worker = quickWorker(outbox, sender)) {
                OutboxItem item = MssanteOutbox.enqueue(outbox, message(to).build());
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);

                OutboxError first = firstError(changes, item);
                assertThat(first.type()).isEqualTo(AttemptNotSubmittedException.class.getSimpleName());
                assertThat(first.code()).isEqualTo(MssanteSender.NOT_SUBMITTED + "/1");
                assertThat(first.message()).contains("NotSubmittedException");
                assertThat(sender.sends.get()).isEqualTo(2);
                assertThat(sender.checks.get()).as("looked for the message first, found nothing").isEqualTo(1);
                assertThat(sent.attempts()).isEqualTo(2);
                assertThat(sent.serviceIds()).containsEntry(MssanteSender.CONFIRMED_BY, "submission");
                Await.until("the message to arrive", () -> MailWorld.count(recipient, item.idempotencyKey()) == 1);
            }
        }
    }

    @Test
    void aRefusedTokenFailsTheItemAndARetryByHandSendsAtOnce(@TempDir Path dir) throws Exception {
        String from = "dr.refus.jeton@test.mssante.fr";
        String to = "dr.dest.jeton@test.mssante.fr";
        AtomicBoolean expired = new AtomicBoolean(true);
        AccessTokenSupplier tokens = () -> expired.get() ? mail.operator.forgedAccessToken(from)
                : mail.operator.accessToken(from);
        try (MssanteClient client = mail.builder(from, mail.operator.smtpsPort())
                .authentication(MssanteAuthentication.xoauth2(tokens)).build();
             MssanteClient recipient = mail.direct(to);
             Outbox outbox = Outbox.builder().embedded(dir).build()) {
            CountingSender sender = new CountingSender(MssanteSender.builder(client).deliveryGrace(LONG_GRACE).build());
            try (OutboxWorker worker = quickWorker(outbox, sender)) {
                OutboxItem item = MssanteOutbox.enqueue(outbox, message(to).build());
                OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);
                OutboxError error = failed.lastError().orElseThrow();
                assertThat(error.code()).isEqualTo(MssanteSender.NOT_SUBMITTED + "/1");
                assertThat(error.message()).contains("TokenRefusedException");

                expired.set(false); // the professional logged in again
                outbox.release(item.id());
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                assertThat(sender.sends.get()).isEqualTo(2);
                assertThat(sent.serviceIds()).containsEntry(MssanteSender.CONFIRMED_BY, "submission");
                Await.until("the message to arrive", () -> MailWorld.count(recipient, item.idempotencyKey()) == 1);
            }
        }
    }

    @Test
    void aConnectionCutOnceTheWholeMessageWasWrittenWaitsOutTheGracePeriod(@TempDir Path dir) throws Exception {
        String from = "dr.coupure.avant@test.mssante.fr";
        String to = "dr.dest.avant@test.mssante.fr";
        Duration grace = Duration.ofSeconds(3);
        // The proxy holds the final "." back and cuts: the operator drops the message, but the client had written
        // it whole and cannot tell this from a cut after the "." (no reply either way).
        mail.proxy.arm(SmtpCutProxy.Cut.BEFORE_END_OF_DATA, () -> { });
        try (MssanteClient client = mail.viaProxy(from);
             MssanteClient recipient = mail.direct(to);
             Outbox outbox = Outbox.builder().embedded(dir).build()) {
            List<OutboxItem> changes = record(outbox);
            CountingSender sender = new CountingSender(MssanteSender.builder(client).deliveryGrace(grace).build());
            try (OutboxWorker worker = quickWorker(outbox, sender)) {
                OutboxItem item = MssanteOutbox.enqueue(outbox, message(to).build());
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                assertThat(mail.proxy.hasCut()).isTrue();

                OutboxError first = firstError(changes, item);
                assertThat(first.type()).as("an unknown outcome").isEqualTo("TransportException");
                assertThat(first.code()).isNull();
                Instant firstStart = changes.stream()
                        .filter(c -> c.id().equals(item.id()) && c.sendStartedAt().isPresent())
                        .map(c -> c.sendStartedAt().orElseThrow()).findFirst().orElseThrow();
                assertThat(sent.sendStartedAt().orElseThrow()).as("sent again only after the grace period")
                        .isAfterOrEqualTo(firstStart.plus(grace));
                assertThat(sender.sends.get()).isEqualTo(2);
                Await.until("the message to arrive", () -> MailWorld.count(recipient, item.idempotencyKey()) == 1);
                Thread.sleep(1000);
                assertThat(MailWorld.count(recipient, item.idempotencyKey())).isEqualTo(1);
            }
        }
    }

    @Test
    void aReplyLostAfterTheEndOfTheMessageIsResolvedByTheDeliveryReport(@TempDir Path dir) throws Exception {
        String from = "dr.coupure.apres@test.mssante.fr";
        String to = "dr.dest.apres@test.mssante.fr";
        mail.proxy.arm(SmtpCutProxy.Cut.AFTER_END_OF_DATA, () -> { });
        try (MssanteClient client = mail.viaProxy(from);
             MssanteClient recipient = mail.direct(to);
             Outbox outbox = Outbox.builder().embedded(dir).build()) {
            List<OutboxItem> changes = record(outbox);
            CountingSender sender = new CountingSender(MssanteSender.builder(client).deliveryGrace(LONG_GRACE).build());
            try (OutboxWorker worker = quickWorker(outbox, sender)) {
                OutboxItem item = MssanteOutbox.enqueue(outbox, message(to).build());
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);

                assertThat(firstError(changes, item).type()).isEqualTo("TransportException");
                assertThat(sent.serviceIds()).containsEntry(MssanteSender.CONFIRMED_BY, "dsn");
                assertThat(sender.sends.get()).isEqualTo(1);
                assertThat(MailWorld.count(recipient, item.idempotencyKey())).isEqualTo(1);
            }
        }
    }

    @Test
    void aCopyInTheSentFolderShowsTheMessageWentOut(@TempDir Path dir) throws Exception {
        String from = "dr.copie@test.mssante.fr";
        String to = "dr.dest.copie@test.mssante.fr";
        try (MssanteClient client = mail.viaProxy(from);
             MssanteClient recipient = mail.direct(to);
             Outbox outbox = Outbox.builder().embedded(dir).build()) {
            CountingSender sender = new CountingSender(MssanteSender.builder(client).sentFolder("Sent")
                    .deliveryGrace(LONG_GRACE).build());
            OutboxItem item = MssanteOutbox.enqueueHeld(outbox, null, message(to).build());
            // the operator (or the vendor's mail client) keeps a copy of each message sent in the sender's Sent folder
            mail.append(from, "Sent", ("Message-ID: <" + item.idempotencyKey() + ">\r\nFrom: " + from + "\r\nTo: " + to
                    + "\r\nSubject: Compte rendu\r\n\r\nVoir la piece jointe.\r\n").getBytes(StandardCharsets.US_ASCII));
            mail.proxy.arm(SmtpCutProxy.Cut.AFTER_END_OF_DATA, () -> { });
            try (OutboxWorker worker = quickWorker(outbox, sender)) {
                outbox.release(item.id());
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                assertThat(mail.proxy.hasCut()).isTrue();
                assertThat(sent.serviceIds()).containsEntry(MssanteSender.CONFIRMED_BY, "sentCopy");
                assertThat(sender.sends.get()).as("not sent again").isEqualTo(1);
                Await.until("the message to arrive", () -> MailWorld.count(recipient, item.idempotencyKey()) == 1);
                Thread.sleep(1000);
                assertThat(MailWorld.count(recipient, item.idempotencyKey())).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailureReportAfterAnUnknownOutcomeFailsTheItemWithItsReason(@TempDir Path dir) throws Exception {
        String from = "dr.echec@test.mssante.fr";
        mail.proxy.arm(SmtpCutProxy.Cut.AFTER_END_OF_DATA, () -> { });
        try (MssanteClient client = mail.viaProxy(from);
             Outbox outbox = Outbox.builder().embedded(dir).build()) {
            CountingSender sender = new CountingSender(MssanteSender.builder(client).deliveryGrace(LONG_GRACE).build());
            try (OutboxWorker worker = quickWorker(outbox, sender)) {
                // the operator accepts the message (its 250 never reaches the client), then cannot deliver it
                OutboxItem item = MssanteOutbox.enqueue(outbox, message(MailWorld.GONE).build());
                OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);

                OutboxError error = failed.lastError().orElseThrow();
                assertThat(mail.proxy.hasCut()).as("accepted, then the reply was lost: %s", error).isTrue();
                assertThat(error.type()).isEqualTo("ServiceFaultException");
                assertThat(error.code()).isEqualTo(MssanteSender.UNDELIVERABLE + "/5.2.1");
                assertThat(error.message()).contains("mailbox disabled").doesNotContain(MailWorld.GONE);
                assertThat(sender.sends.get()).as("nothing sent again").isEqualTo(1);
                assertThat(client.deliveryStatusesFor("INBOX", item.idempotencyKey())).hasSize(1);
            }
        }
    }

    @Test
    void aReplyToAPatientRestoredFromTheOutboxReachesThePatientOnceAsAReply(@TempDir Path dir) throws Exception {
        String patient = MailWorld.patientAddress(MailWorld.PATIENT);
        String theirs = mail.patientWrites(MailWorld.PHARMACY, "Ordonnance");
        try (MssanteClient pharmacy = mail.direct(MailWorld.PHARMACY)) {
            Await.until("the patient's message", () -> !pharmacy.messagesWithId("INBOX", theirs).isEmpty());
            IncomingMessage received = pharmacy.messagesWithId("INBOX", theirs).get(0);
            assertThat(received.fromPatient()).isTrue();
            String item;
            try (Outbox outbox = Outbox.builder().embedded(dir).build()) {
                item = MssanteOutbox.enqueue(outbox, MssanteMessage.builder().replyTo(received)
                        .subject("Re: Ordonnance").text("Votre commande est prête.").build()).id();
            }
            // the application restarts: the stored reply is read back and sent by a new outbox's worker
            try (Outbox outbox = Outbox.builder().embedded(dir).build();
                 OutboxWorker worker = quickWorker(outbox, MssanteSender.builder(pharmacy).build())) {
                OutboxItem sent = Await.status(outbox, item, OutboxStatus.SENT);
                String replyId = sent.idempotencyKey();
                List<byte[]> copies = mail.operator.awaitDelivered(patient, 1, Duration.ofSeconds(30)).stream()
                        .filter(m -> headers(m).contains("Message-ID: <" + replyId + ">")).toList();
                Thread.sleep(1000);
                assertThat(mail.operator.delivered(patient).stream()
                        .filter(m -> headers(m).contains("Message-ID: <" + replyId + ">")).count()).isEqualTo(1);
                assertThat(copies).hasSize(1);
                String headers = headers(copies.get(0));
                assertThat(headers).contains("In-Reply-To: <" + theirs + ">").contains("References: <" + theirs + ">");
            }
        }
    }

    private static String headers(byte[] message) {
        String all = new String(message, StandardCharsets.UTF_8);
        int end = all.indexOf("\r\n\r\n");
        return (end < 0 ? all : all.substring(0, end)).replace("\r\n\t", " ").replace("\r\n ", " ");
    }

    private static MssanteMessage.Builder message(String to) {
        return MssanteMessage.builder().to(to).subject("Compte rendu").text("Voir la pièce jointe.")
                .attachment("cr.pdf", "application/pdf", "%PDF-1.4 compte rendu".getBytes(StandardCharsets.UTF_8));
    }

    private static OutboxWorker quickWorker(Outbox outbox, OutboxSender sender) {
        // the test's sender wrappers declare no send bound; the backoff is short so that retries come quickly, and
        // attempts are many so that a delivery report slow to come (each check before it is an attempt) is waited for
        return outbox.worker().sender(MssanteOutbox.KIND, sender).pollInterval(Duration.ofMillis(20))
                .backoff(Duration.ofMillis(200), Duration.ofMillis(500)).maxAttempts(1000).start();
    }

    /** Every change of an item the outbox reports, in order. */
    private static List<OutboxItem> record(Outbox outbox) {
        List<OutboxItem> changes = new CopyOnWriteArrayList<>();
        outbox.addListener((item, previous) -> changes.add(item));
        return changes;
    }

    /** The error recorded by the item's first failed attempt. */
    private static OutboxError firstError(List<OutboxItem> changes, OutboxItem item) {
        return changes.stream().filter(c -> c.id().equals(item.id()) && c.lastError().isPresent())
                .map(c -> c.lastError().get()).findFirst()
                .orElseThrow(() -> new AssertionError("no failure recorded: " + changes.stream()
                        .map(c -> c.status().name()).collect(Collectors.joining(", "))));
    }

    /** Sends the first message through one sender, everything else through another. */
    private static final class FirstSendThrough implements OutboxSender {
        private final OutboxSender first;
        private final OutboxSender then;
        private final AtomicInteger sends = new AtomicInteger();

        FirstSendThrough(OutboxSender first, OutboxSender then) {
            this.first = first;
            this.then = then;
        }

        @Override
        public SendResult send(OutboxItem item, byte[] metadata, InputStream content) {
            throw new UnsupportedOperationException("the worker sends from a ContentSource");
        }

        @Override
        public SendResult send(OutboxItem item, byte[] metadata, ContentSource content) {
            return (sends.getAndIncrement() == 0 ? first : then).send(item, metadata, content);
        }

        @Override
        public Optional<SendResult> alreadyDelivered(OutboxItem item, byte[] metadata) {
            return then.alreadyDelivered(item, metadata);
        }
    }
}
