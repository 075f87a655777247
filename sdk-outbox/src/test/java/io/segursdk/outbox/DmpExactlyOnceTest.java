package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Visibility;
import io.segursdk.outbox.dmp.DmpFeedSender;
import io.segursdk.outbox.dmp.DmpOutbox;
import io.segursdk.testkit.dmp.PatientRecord;
import io.segursdk.testkit.server.Fault;

import java.time.Duration;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly-once against the DMP simulator: the process sending a feed dies at each step of the send (its database
 * connections cut, its worker abandoned); a new process's worker takes the item over once the lease expires. The
 * patient's DMP must end with exactly one document, and the outbox with the item SENT and the DMP's identifiers.
 */
class DmpExactlyOnceTest {

    /** Where the first process dies. */
    enum Step {
        /** Claimed, but died before calling the DMP. */
        BEFORE_CALL,
        /** The feed reached the DMP, which was slow to answer; the process died waiting. */
        DURING_CALL,
        /** The DMP answered; the process died before recording the outcome. */
        AFTER_CALL_BEFORE_RECORD
    }

    static DmpWorld world;
    static DmpClient dmp;

    @BeforeAll
    static void start() {
        world = new DmpWorld();
        dmp = world.doctor();
    }

    @AfterAll
    static void stop() {
        dmp.close();
        world.close();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aProcessKilledAtAnyStepOfAFeedLeavesExactlyOneDocumentInTheDmp(Step step) throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        KillableDataSource doomed = new KillableDataSource(database);
        PatientId patient = world.newPatient();
        PatientRecord record = world.record(patient);
        String uniqueId = DmpWorld.uid();

        // the dying process: during the call, its client gives up before the slow DMP answers
        try (DmpClient dyingClient = world.doctor(DmpWorld.readTimeout(Duration.ofMillis(1500)))) {
            CountingSender dying = new CountingSender(new DmpFeedSender(dyingClient)) {
                @Override
                void beforeCall(OutboxItem item) {
                    if (step == Step.BEFORE_CALL) {
                        doomed.kill();
                        throw new IllegalStateException("process died before the request left");
                    }
                }

                @Override
                void afterCall(OutboxItem item) {
                    if (step == Step.AFTER_CALL_BEFORE_RECORD) {
                        doomed.kill();
                    }
                }
            };
            if (step == Step.DURING_CALL) {
                world.simulator.server().injectFault(Fault.delay(Duration.ofSeconds(4)).onPath(DmpWorld.REPOSITORY));
            }
            int capturedBefore = world.simulator.server().captured().size();
            Outbox dyingOutbox = Outbox.builder().dataSource(doomed).build();
            OutboxItem item = DmpOutbox.enqueueFeed(dyingOutbox, DmpAccess.of(patient),
                    DmpWorld.submission(patient, uniqueId, Visibility.normal()));
            OutboxWorker dyingWorker = dyingOutbox.worker().sender(DmpOutbox.KIND, dying)
                    .leaseDuration(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(20))
                    .shutdownTimeout(Duration.ofMillis(200)).start();
            if (step == Step.DURING_CALL) {
                Await.until("the feed to reach the DMP", () -> world.simulator.server().captured()
                        .subList(capturedBefore, world.simulator.server().captured().size()).stream()
                        .anyMatch(r -> r.path().equals(DmpWorld.REPOSITORY)));
                doomed.kill();
            }
            Await.until("the dying process to stop sending", () -> dying.sends.get() == 1 && dyingWorker.inFlight() == 0);
            dyingOutbox.close(); // its threads are gone; nothing was recorded

            if (step != Step.BEFORE_CALL) {
                // the DMP finishes what it received, whatever became of the caller
                Await.until("the DMP to store the feed", () -> record.entries().size() == 1);
            }
            assertThat(record.entries()).hasSize(step == Step.BEFORE_CALL ? 0 : 1);

            try (Outbox outbox = Outbox.builder().dataSource(database).build()) {
                assertThat(outbox.get(item.id()).orElseThrow().status()).as("left as the dead process had it")
                        .isEqualTo(OutboxStatus.SENDING);
                CountingSender sender = new CountingSender(new DmpFeedSender(dmp));
                try (OutboxWorker worker = outbox.worker().sender(DmpOutbox.KIND, sender)
                        .pollInterval(Duration.ofMillis(20)).start()) {
                    OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                    assertThat(record.entries()).as("documents in the patient's DMP")
                            .extracting(PatientRecord.Entry::uniqueId).containsExactly(uniqueId);
                    assertThat(sent.attempts()).isEqualTo(2);
                    assertThat(sent.serviceIds())
                            .containsEntry(DmpFeedSender.UNIQUE_ID, uniqueId)
                            .containsEntry(DmpFeedSender.ENTRY_UUID, record.entries().get(0).entryUuid());
                    assertThat(sender.checks.get()).as("looked up in the DMP before any re-send").isEqualTo(1);
                    assertThat(sender.sends.get()).isEqualTo(step == Step.BEFORE_CALL ? 1 : 0);
                }
            }
        } finally {
            world.simulator.server().clearFaults();
        }
    }
}
