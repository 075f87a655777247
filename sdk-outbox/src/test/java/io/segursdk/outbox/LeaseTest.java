package io.segursdk.outbox;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.mssante.MssanteAuthentication;
import io.segursdk.mssante.MssanteClient;
import io.segursdk.outbox.mssante.MssanteOutbox;
import io.segursdk.outbox.mssante.MssanteSender;
import io.segursdk.testkit.pki.TestPki;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A worker's lease must outlast any send still running: the worker refuses a lease not longer than the longest send
 * its senders declare (from their clients' timeouts), and renews its lease while a long send runs, so that another
 * worker never takes over an item still being sent.
 */
class LeaseTest {

    /** A sender declaring how long one send can last. */
    static final class BoundedSender extends LedgerSender {
        final Duration longest;

        BoundedSender(Ledger ledger, Duration longest) {
            super(ledger);
            this.longest = longest;
        }

        @Override
        public Optional<Duration> maxSendDuration() {
            return Optional.of(longest);
        }
    }

    private static JdbcDataSource memory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void aLeaseNotLongerThanTheLongestSendIsRefused() {
        try (Outbox outbox = Outbox.builder().dataSource(memory()).build()) {
            BoundedSender sender = new BoundedSender(new Ledger(), Duration.ofSeconds(90));
            assertThatThrownBy(() -> outbox.worker().sender("dmp.feed", sender)
                    .leaseDuration(Duration.ofSeconds(90)).start())
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                            .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("leaseDuration")))
                    .hasMessageContaining("PT1M30S").hasMessageContaining("dmp.feed");
            outbox.worker().sender("dmp.feed", sender).leaseDuration(Duration.ofSeconds(91)).start().close();
        }
    }

    @Test
    void theMssanteSendersBoundComesFromItsClientsTimeoutsAndCoversEveryRoute() {
        TestPki pki = TestPki.create();
        MssanteClient.Builder b = MssanteClient.builder().smtp("localhost", 465).imap("localhost", 993)
                .tls(TlsOptions.builder().addTrustAnchor(pki.rootCertificate()).build())
                .productReference(MailWorld.PRODUCT);
        // tag::lease[]
        MssanteClient quick = b.mailbox("dr.a@test.mssante.fr").authentication(MssanteAuthentication.xoauth2(() -> "t"))
                .timeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(4))).build();
        MssanteClient slow = b.mailbox("dr.b@test.mssante.fr")
                .timeouts(new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60))).build();
        RoutedSender routes = RoutedSender.builder()
                .route(quick.mailbox(), MssanteSender.builder(quick).build())       // 2 s + 15 × 4 s = 62 s
                .route(slow.mailbox(), MssanteSender.builder(slow).build())         // 10 s + 15 × 60 s = 910 s
                .build();
        // end::lease[]
        assertThat(MssanteSender.builder(quick).build().maxSendDuration()).contains(Duration.ofSeconds(62));
        assertThat(routes.maxSendDuration()).contains(Duration.ofSeconds(910));
        try (Outbox outbox = Outbox.builder().dataSource(memory()).build()) {
            try (OutboxWorker derived = outbox.worker().sender(MssanteOutbox.KIND, routes).start()) {
                assertThat(derived.leaseDuration()).as("no lease set: the longest declared send plus one minute")
                        .isEqualTo(Duration.ofSeconds(910 + 60));
            }
            assertThatThrownBy(() -> outbox.worker().sender(MssanteOutbox.KIND, routes)
                    .leaseDuration(Duration.ofMinutes(5)).start())
                    .as("a 5-minute lease set by hand is shorter than a send with 60 s read timeouts")
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("PT15M10S");
            outbox.worker().sender(MssanteOutbox.KIND, routes).leaseDuration(Duration.ofMinutes(16)).start().close();
        }
    }

    @Test
    void aSendLongerThanTheLeaseKeepsItsClaimAndIsNotTakenOver() {
        JdbcDataSource database = memory();
        Ledger ledger = new Ledger();
        // renewed every third of it: the item is taken over only if the worker stalls for two thirds of a second
        Duration lease = Duration.ofSeconds(1);
        LedgerSender slow = new LedgerSender(ledger) {
            @Override
            void beforeDelivery(OutboxItem item) {
                try {
                    Thread.sleep(lease.toMillis() * 4); // streaming a large document, say
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        LedgerSender other = new LedgerSender(ledger);
        try (Outbox first = Outbox.builder().dataSource(database).build();
             Outbox second = Outbox.builder().dataSource(database).build()) {
            OutboxItem item = first.enqueue(EnqueueRequest.builder("dmp.feed", "1.2.250.1.999.7")
                    .content(OutboxContent.of("big".getBytes(StandardCharsets.UTF_8))).build());
            try (OutboxWorker a = first.worker().workerId("a").sender("dmp.feed", slow).leaseDuration(lease)
                    .pollInterval(Duration.ofMillis(20)).start()) {
                Await.until("the slow send to start", () -> slow.sends.get() == 1);
                try (OutboxWorker b = second.worker().workerId("b").sender("dmp.feed", other).leaseDuration(lease)
                        .pollInterval(Duration.ofMillis(10)).start()) {
                    OutboxItem sent = Await.status(first, item.id(), OutboxStatus.SENT);
                    assertThat(sent.attempts()).as("never claimed by the other worker").isEqualTo(1);
                    assertThat(other.sends.get() + other.checks.get()).isZero();
                    assertThat(ledger.lookup(item.idempotencyKey())).isPresent();
                }
            }
        }
    }
}
