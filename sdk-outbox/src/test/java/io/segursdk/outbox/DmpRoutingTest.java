package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Visibility;
import io.segursdk.outbox.dmp.DmpFeedSender;
import io.segursdk.outbox.dmp.DmpOutbox;

import java.time.Duration;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two physicians' feeds through one outbox and one worker: each item names its route, the worker sends it with that
 * physician's DMP client (their own card in the VIHF and the TLS). The DMP simulator authorises each physician on
 * their own patient only, so a feed sent under the wrong identity would be refused.
 */
class DmpRoutingTest {

    static final String OTHER_RPPS = "10009876543";

    static DmpWorld world;
    static DmpClient dupont;
    static DmpClient martin;

    @BeforeAll
    static void start() {
        world = new DmpWorld();
        dupont = world.doctor();
        martin = world.physician(OTHER_RPPS, "MARTIN PAUL");
    }

    @AfterAll
    static void stop() {
        dupont.close();
        martin.close();
        world.close();
    }

    @Test
    void eachFeedIsSentUnderTheIdentityOfItsRoute() {
        PatientId dupontsPatient = world.newPatient();                  // authorises Dr Dupont only
        PatientId martinsPatient = world.newPatientWithoutAuthorisation();
        world.record(martinsPatient).authorise("8" + OTHER_RPPS);      // authorises Dr Martin only
        String dupontsDoc = DmpWorld.uid();
        String martinsDoc = DmpWorld.uid();
        String misrouted = DmpWorld.uid();

        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Outbox outbox = Outbox.builder().dataSource(ds).build();
             OutboxWorker worker = outbox.worker()
                     .sender(DmpOutbox.KIND, RoutedSender.builder()
                             .route("dr-dupont", new DmpFeedSender(dupont))
                             .route("dr-martin", new DmpFeedSender(martin))
                             .build())
                     .pollInterval(Duration.ofMillis(20)).backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                     .maxAttempts(1)
                     .start()) {
            OutboxItem a = DmpOutbox.enqueueFeed(outbox, "dr-dupont", DmpAccess.of(dupontsPatient),
                    DmpWorld.submission(dupontsPatient, dupontsDoc, Visibility.normal()));
            OutboxItem b = DmpOutbox.enqueueFeed(outbox, "dr-martin", DmpAccess.of(martinsPatient),
                    DmpWorld.submission(martinsPatient, martinsDoc, Visibility.normal()));
            // Dr Martin's route for Dr Dupont's patient: refused by the DMP, which proves the route chose the identity.
            OutboxItem c = DmpOutbox.enqueueFeed(outbox, "dr-martin", DmpAccess.of(dupontsPatient),
                    DmpWorld.submission(dupontsPatient, misrouted, Visibility.normal()));

            assertThat(Await.status(outbox, a.id(), OutboxStatus.SENT).route()).contains("dr-dupont");
            assertThat(Await.status(outbox, b.id(), OutboxStatus.SENT).route()).contains("dr-martin");
            OutboxItem refused = Await.status(outbox, c.id(), OutboxStatus.FAILED);
            assertThat(refused.lastError()).get().satisfies(e ->
                    assertThat(e.code()).isEqualTo("DMPAuthorizationError"));
        }
        assertThat(world.record(dupontsPatient).entries()).extracting(e -> e.uniqueId()).containsExactly(dupontsDoc);
        assertThat(world.record(martinsPatient).entries()).extracting(e -> e.uniqueId()).containsExactly(martinsDoc);
    }
}
