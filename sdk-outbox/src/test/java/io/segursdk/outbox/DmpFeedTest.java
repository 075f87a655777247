package io.segursdk.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DocumentMetadata;
import io.segursdk.dmp.PatientId;
import io.segursdk.dmp.Replacement;
import io.segursdk.dmp.Submission;
import io.segursdk.dmp.Visibility;
import io.segursdk.outbox.dmp.DmpFeed;
import io.segursdk.outbox.dmp.DmpFeedSender;
import io.segursdk.outbox.dmp.DmpOutbox;
import io.segursdk.testkit.dmp.PatientRecord;
import io.segursdk.testkit.server.Fault;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DMP feeds through the outbox, sent by a worker to the testkit's DMP simulator over mutual TLS. */
class DmpFeedTest {

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

    private static Outbox memoryOutbox() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return Outbox.builder().dataSource(ds).build();
    }

    private static OutboxWorker.Builder fastWorker(Outbox outbox, OutboxSender sender) {
        return outbox.worker().sender(DmpOutbox.KIND, sender)
                .pollInterval(Duration.ofMillis(20)).backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Test
    void aFeedIsEnqueuedSentByTheWorkerAndLandsOnceWithItsVisibility(@TempDir Path dir) {
        PatientId patient = world.newPatient();
        String uniqueId = DmpWorld.uid();
        // tag::dmp-feed[]
        Submission submission = DmpWorld.submission(patient, uniqueId,
                Visibility.of(Visibility.Flag.HIDDEN_FROM_PATIENT)); // until the announcement consultation
        try (Outbox outbox = Outbox.builder().embedded(dir).build();
             OutboxWorker worker = outbox.worker()
                     .sender(DmpOutbox.KIND, new DmpFeedSender(dmp)) // dmp: the professional's DmpClient
                     .start()) {
            OutboxItem item = DmpOutbox.enqueueFeed(outbox, DmpAccess.of(patient), submission);
            // ... later, or in a listener:
            OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
            String entryUuid = sent.serviceIds().get(DmpFeedSender.ENTRY_UUID);
            // end::dmp-feed[]
            assertThat(item.kind()).isEqualTo("dmp.feed");
            assertThat(item.idempotencyKey()).isEqualTo(uniqueId);
            PatientRecord record = world.record(patient);
            assertThat(record.entries()).hasSize(1);
            PatientRecord.Entry entry = record.entries().get(0);
            assertThat(entry.uniqueId()).isEqualTo(uniqueId);
            assertThat(entry.confidentialityCodes()).contains("INVISIBLE_PATIENT");
            assertThat(record.patientView()).doesNotContain(uniqueId);
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.serviceIds()).containsEntry(DmpFeedSender.UNIQUE_ID, uniqueId)
                    .containsEntry(DmpFeedSender.SUBMISSION_SET_UNIQUE_ID, submission.uniqueId());
            assertThat(entryUuid).isEqualTo(entry.entryUuid());
        }
    }

    @Test
    void theStoredFeedIsVersionedJsonAndReadsBackWhole() {
        PatientId patient = world.newPatient();
        String uniqueId = DmpWorld.uid();
        DocumentMetadata metadata = DmpWorld.metadata(patient, uniqueId)
                .sourcePatientId("IPP-00042", "1.2.250.1.999.1.1.4242.9")
                .comments("Relu et validé")
                .serviceTime(Instant.parse("2026-03-02T08:30:00Z"), Instant.parse("2026-03-02T09:00:00Z"))
                .legalAuthenticator(DmpWorld.author())
                .languageCode("fr-FR")
                .visibility(Visibility.of(Visibility.Flag.HIDDEN_FROM_LEGAL_REPRESENTATIVES,
                        Visibility.Flag.MASKED_FROM_PROFESSIONALS))
                .build();
        Submission original = DmpWorld.submission(metadata);
        Submission replacing = Submission.builder().document(original.document(), metadata)
                .contentType(original.contentType()).sourceId(original.sourceId())
                .replaces(new Replacement("urn:uuid:" + UUID.randomUUID(), DmpWorld.uid()))
                .submissionTime(Instant.parse("2026-03-02T10:00:00Z")).build();
        DmpAccess access = DmpAccess.of(patient).breakGlass().minorSecretConnection();
        try (Outbox outbox = memoryOutbox()) {
            OutboxItem item = DmpOutbox.enqueueHeldFeed(outbox, access, replacing);
            assertThat(item.status()).isEqualTo(OutboxStatus.HELD);

            String json = new String(outbox.readMetadata(item.id()), StandardCharsets.UTF_8);
            assertThat(json).contains("\"format\":\"segur-sdk/dmp-feed\"", "\"version\":1",
                    "\"mode\":\"bris_de_glace\"", "\"INVISIBLE_REPRESENTANTS_LEGAUX\"", "\"MASQUE_PS\"");

            DmpFeed feed = DmpOutbox.readFeed(outbox, item);
            assertThat(feed.access()).isEqualTo(access);
            Submission back = feed.submission();
            assertThat(back.uniqueId()).isEqualTo(replacing.uniqueId());
            assertThat(back.sourceId()).isEqualTo(replacing.sourceId());
            assertThat(back.contentType()).isEqualTo(replacing.contentType());
            assertThat(back.submissionTime()).isEqualTo(replacing.submissionTime());
            assertThat(back.replacement()).isEqualTo(replacing.replacement());
            assertThat(back.document().mimeType()).isEqualTo(original.document().mimeType());
            assertThat(back.document().formatCode()).isEqualTo(original.document().formatCode());
            DocumentMetadata m = back.metadata();
            assertThat(m.patientId()).isEqualTo(patient);
            assertThat(m.uniqueId()).isEqualTo(uniqueId);
            assertThat(m.sourcePatientId()).contains("IPP-00042");
            assertThat(m.sourcePatientIdOid()).contains("1.2.250.1.999.1.1.4242.9");
            assertThat(m.classCode()).isEqualTo(metadata.classCode());
            assertThat(m.typeCode()).isEqualTo(metadata.typeCode());
            assertThat(m.title()).isEqualTo(metadata.title());
            assertThat(m.comments()).isEqualTo(metadata.comments());
            assertThat(m.creationTime()).isEqualTo(metadata.creationTime());
            assertThat(m.serviceStartTime()).isEqualTo(metadata.serviceStartTime());
            assertThat(m.serviceStopTime()).isEqualTo(metadata.serviceStopTime());
            assertThat(m.healthcareFacilityType()).isEqualTo(metadata.healthcareFacilityType());
            assertThat(m.practiceSetting()).isEqualTo(metadata.practiceSetting());
            assertThat(m.authors()).isEqualTo(metadata.authors());
            assertThat(m.legalAuthenticator()).isEqualTo(metadata.legalAuthenticator());
            assertThat(m.languageCode()).isEqualTo("fr-FR");
            assertThat(m.visibility()).isEqualTo(metadata.visibility());
            try (InputStream in = back.document().content().open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(DmpWorld.cda(uniqueId));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aFeedAboutAnotherPatientThanTheAccessIsRefusedAtEnqueue() {
        PatientId patient = world.newPatient();
        PatientId other = world.newPatient();
        try (Outbox outbox = memoryOutbox()) {
            assertThatThrownBy(() -> DmpOutbox.enqueueFeed(outbox, DmpAccess.of(other),
                    DmpWorld.submission(patient, DmpWorld.uid(), Visibility.normal())))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(outbox.query(OutboxQuery.builder().build())).isEmpty();
        }
    }

    @Test
    void storedMetadataOfANewerVersionIsAPermanentFailureAndNothingIsSent() {
        PatientId patient = world.newPatient();
        String uniqueId = DmpWorld.uid();
        String json = "{\"format\":\"segur-sdk/dmp-feed\",\"version\":2}";
        try (Outbox outbox = memoryOutbox();
             OutboxWorker worker = fastWorker(outbox, new DmpFeedSender(dmp)).start()) {
            OutboxItem item = outbox.enqueue(EnqueueRequest.builder(DmpOutbox.KIND, uniqueId)
                    .metadata(json.getBytes(StandardCharsets.UTF_8)).content(OutboxContent.of(new byte[] {1}))
                    .build());
            OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError().orElseThrow().message()).contains("version 2");
            assertThat(world.record(patient).entries()).isEmpty();
        }
    }

    @Test
    void aServiceUnavailableIsRetriedAndTheFeedLandsOnce() {
        PatientId patient = world.newPatient();
        String uniqueId = DmpWorld.uid();
        CountingSender sender = new CountingSender(new DmpFeedSender(dmp));
        List<OutboxError> retried = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Outbox outbox = memoryOutbox()) {
            outbox.addListener((changed, previous) -> {
                if (changed.status() == OutboxStatus.PENDING && previous == OutboxStatus.SENDING) {
                    retried.add(changed.lastError().orElseThrow());
                }
            });
            OutboxItem item = DmpOutbox.enqueueFeed(outbox, DmpAccess.of(patient),
                    DmpWorld.submission(patient, uniqueId, Visibility.normal()));
            world.simulator.server().injectFault(Fault.status(503, "text/html", "<html>maintenance</html>")
                    .onPath(DmpWorld.REPOSITORY));
            try (OutboxWorker worker = fastWorker(outbox, sender).start()) {
                OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                assertThat(sent.attempts()).isEqualTo(2);
                assertThat(retried).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo("TransportException");
                    assertThat(e.code()).contains("503");
                });
                assertThat(sender.sends.get()).isEqualTo(2);
                assertThat(sender.checks.get()).as("checked with the DMP before the second send").isEqualTo(1);
                assertThat(world.record(patient).entries()).extracting(PatientRecord.Entry::uniqueId)
                        .containsExactly(uniqueId);
                assertThat(sent.serviceIds()).containsEntry(DmpFeedSender.ENTRY_UUID,
                        world.record(patient).entries().get(0).entryUuid());
            }
        } finally {
            world.simulator.server().clearFaults();
        }
    }

    @Test
    void anUnauthorisedProfessionalIsAPermanentFailureWithItsReason() {
        PatientId patient = world.newPatientWithoutAuthorisation();
        CountingSender sender = new CountingSender(new DmpFeedSender(dmp));
        try (Outbox outbox = memoryOutbox();
             OutboxWorker worker = fastWorker(outbox, sender).start()) {
            OutboxItem item = DmpOutbox.enqueueFeed(outbox, DmpAccess.of(patient),
                    DmpWorld.submission(patient, DmpWorld.uid(), Visibility.normal()));
            OutboxItem failed = Await.status(outbox, item.id(), OutboxStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            OutboxError reason = failed.lastError().orElseThrow();
            assertThat(reason.type()).isEqualTo("AccessDeniedException");
            assertThat(reason.code()).contains("DMPAuthorizationError");
            assertThat(sender.sends.get()).isEqualTo(1);
            assertThat(world.record(patient).entries()).isEmpty();
        }
    }

    @Test
    void severalFeedsAreSentWithBoundedConcurrencyEachOnce() {
        List<PatientId> patients = List.of(world.newPatient(), world.newPatient(), world.newPatient());
        CountingSender sender = new CountingSender(new DmpFeedSender(dmp));
        List<OutboxItem> items = new ArrayList<>();
        try (Outbox outbox = memoryOutbox()) {
            for (int i = 0; i < 9; i++) {
                PatientId p = patients.get(i % patients.size());
                items.add(DmpOutbox.enqueueFeed(outbox, DmpAccess.of(p),
                        DmpWorld.submission(p, DmpWorld.uid(), Visibility.normal())));
            }
            try (OutboxWorker worker = fastWorker(outbox, sender).concurrency(3).start()) {
                for (OutboxItem item : items) {
                    OutboxItem sent = Await.status(outbox, item.id(), OutboxStatus.SENT);
                    assertThat(sent.attempts()).isEqualTo(1);
                }
            }
            assertThat(sender.sends.get()).isEqualTo(9);
            assertThat(sender.maxConcurrent.get()).isBetween(1, 3);
            for (int p = 0; p < patients.size(); p++) {
                List<String> expected = new ArrayList<>();
                for (int i = p; i < items.size(); i += patients.size()) {
                    expected.add(items.get(i).idempotencyKey());
                }
                assertThat(world.record(patients.get(p)).entries()).extracting(PatientRecord.Entry::uniqueId)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void readFeedRefusesAnItemOfAnotherKind() {
        try (Outbox outbox = memoryOutbox()) {
            OutboxItem other = outbox.enqueue(EnqueueRequest.builder("mssante.message", "<m@x>")
                    .content(OutboxContent.of(new byte[0])).build());
            assertThatThrownBy(() -> DmpOutbox.readFeed(outbox, other)).isInstanceOf(IllegalArgumentException.class);
        }
    }

}
