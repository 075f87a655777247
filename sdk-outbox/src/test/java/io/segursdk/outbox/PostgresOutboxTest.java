package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/** The outbox on a real PostgreSQL server (see {@link PostgresServer}). */
class PostgresOutboxTest {

    @Test
    void lifecycleOnPostgres() throws Exception {
        DataSource database = PostgresServer.get().newDatabase();
        Ledger ledger = new Ledger();
        // tag::server[]
        try (Outbox outbox = Outbox.builder()
                .dataSource(database)                 // the service's pool on the shared PostgreSQL database
                .encryptionKey(new SecretKeySpec(new byte[32], "AES"))   // the vendor's key, from its key store
                .build();
             OutboxWorker worker = outbox.worker()
                     .workerId("instance-a")              // shows in claimed_by
                     .sender("dmp.feed", new LedgerSender(ledger))
                     .concurrency(4)
                     .rateLimit("dmp.feed", 20, Duration.ofSeconds(1))
                     .leaseDuration(Duration.ofMinutes(2))
                     .start()) {
            // end::server[]
            OutboxItem held = outbox.enqueue(EnqueueRequest.builder("dmp.feed", "1.2.250.1.999.7")
                    .metadata("m".getBytes(StandardCharsets.UTF_8))
                    .content(OutboxContent.of("pg content".getBytes(StandardCharsets.UTF_8))).held(true).build());
            assertThat(outbox.query(OutboxQuery.byStatus(OutboxStatus.HELD))).hasSize(1);
            outbox.release(held.id());
            OutboxItem sent = Await.status(outbox, held.id(), OutboxStatus.SENT);
            assertThat(sent.encrypted()).isTrue();
            assertThat(sent.serviceIds()).containsEntry("uniqueId", "1.2.250.1.999.7");
            assertThat(ledger.digest("1.2.250.1.999.7"))
                    .isEqualTo(LedgerSender.digest("pg content".getBytes(StandardCharsets.UTF_8)));
        }
        // a second start finds the schema in place
        try (Outbox again = Outbox.builder().dataSource(database).build();
             Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM outbox_schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(again.query(OutboxQuery.byStatus(OutboxStatus.SENT))).hasSize(1);
        }
    }

    @Test
    void fourWorkersOnOneDatabaseNeverSendAnItemTwice() {
        MultiWorkerContract.noItemIsSentTwice(PostgresServer.get().newDatabase(), 4, 200);
    }
}
