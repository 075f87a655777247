package io.segursdk.dmp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.config.RetryPolicy;
import io.segursdk.core.error.TransportException;
import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.PatientId;
import io.segursdk.testkit.dmp.PatientRecord;
import io.segursdk.testkit.server.Fault;
import io.segursdk.testkit.server.SimRequest;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A DMP feed is never applied twice: after an ambiguous failure the client searches the document by its uniqueId
 * before sending it again; idempotent calls are retried.
 */
class DmpFeedRetryTest {

    static final DmpBed BED = new DmpBed();

    @AfterEach
    void clearFaults() {
        BED.simulator.server().clearFaults();
    }

    @AfterAll
    static void stop() {
        BED.close();
    }

    private long requestsTo(String path, int from) {
        List<SimRequest> all = BED.simulator.server().captured();
        return all.subList(from, all.size()).stream().filter(r -> r.path().equals(path)).count();
    }

    @Test
    void feedWhoseResponseIsLostAfterTheDocumentWasStoredEndsWithExactlyOneDocument() {
        PatientId patient = BED.newPatient();
        String uniqueId = DmpBed.uid();
        int before = BED.simulator.server().captured().size();
        BED.simulator.server().injectFault(Fault.resetAfterHandling().onPath(DmpBed.REPOSITORY));
        try (DmpClient dmp = BED.clientBuilder().feedRetryPolicy(DmpBed.FAST_RETRY).build()) {
            assertThat(dmp.feed(DmpAccess.of(patient), DmpBed.submission(patient, uniqueId))).isEmpty();
        }
        assertThat(BED.record(patient).entries()).extracting(PatientRecord.Entry::uniqueId).containsExactly(uniqueId);
        assertThat(requestsTo(DmpBed.REPOSITORY, before)).as("the feed is sent once").isEqualTo(1);
        assertThat(requestsTo(DmpBed.REGISTRY, before)).as("then checked by uniqueId").isEqualTo(1);
    }

    @Test
    void feedWhoseResponseTimesOutAfterStoringIsCheckedNotResent() {
        PatientId patient = BED.newPatient();
        String uniqueId = DmpBed.uid();
        int before = BED.simulator.server().captured().size();
        // the repository stores the document, then answers after the client's read timeout
        BED.simulator.server().injectFault(Fault.delayAfterHandling(Duration.ofSeconds(8)).onPath(DmpBed.REPOSITORY));
        try (DmpClient dmp = BED.clientBuilder().build()) {
            assertThat(dmp.feed(DmpAccess.of(patient), DmpBed.submission(patient, uniqueId))).isEmpty();
        }
        assertThat(BED.record(patient).entries()).extracting(PatientRecord.Entry::uniqueId).containsExactly(uniqueId);
        assertThat(requestsTo(DmpBed.REPOSITORY, before)).isEqualTo(1);
    }

    @Test
    void feedThatDidNotLandIsResentOnlyWhenTheFeedPolicyAllowsIt() {
        PatientId patient = BED.newPatient();
        String uniqueId = DmpBed.uid();
        int before = BED.simulator.server().captured().size();
        BED.simulator.server().injectFault(Fault.reset().onPath(DmpBed.REPOSITORY));
        try (DmpClient dmp = BED.clientBuilder().feedRetryPolicy(DmpBed.FAST_RETRY).build()) {
            dmp.feed(DmpAccess.of(patient), DmpBed.submission(patient, uniqueId));
        }
        assertThat(BED.record(patient).entries()).extracting(PatientRecord.Entry::uniqueId).containsExactly(uniqueId);
        assertThat(requestsTo(DmpBed.REPOSITORY, before)).isEqualTo(2);
        assertThat(requestsTo(DmpBed.REGISTRY, before)).isEqualTo(1);
    }

    @Test
    void byDefaultAFeedThatDidNotLandIsCheckedThenReportedNotResent() {
        PatientId patient = BED.newPatient();
        int before = BED.simulator.server().captured().size();
        BED.simulator.server().injectFault(Fault.reset().onPath(DmpBed.REPOSITORY));
        try (DmpClient dmp = BED.clientBuilder().build()) {
            assertThatThrownBy(() -> dmp.feed(DmpAccess.of(patient), DmpBed.submission(patient, DmpBed.uid())))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isRetryable()).isTrue());
        }
        assertThat(BED.record(patient).entries()).isEmpty();
        assertThat(requestsTo(DmpBed.REPOSITORY, before)).isEqualTo(1);
        assertThat(requestsTo(DmpBed.REGISTRY, before)).isEqualTo(1);
    }

    @Test
    void searchIsRetriedAfterA503AndNotWithRetriesOff() {
        PatientId patient = BED.newPatient();
        BED.simulator.server().injectFault(Fault.status(503, "text/html", "<html><body>Maintenance</body></html>")
                .onPath(DmpBed.REGISTRY));
        try (DmpClient dmp = BED.clientBuilder().build()) {
            assertThat(dmp.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()).entries())
                    .isEmpty();
        }
        BED.simulator.server().injectFault(Fault.status(503, "text/html", "<html><body>Maintenance</body></html>")
                .onPath(DmpBed.REGISTRY));
        try (DmpClient dmp = BED.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(() -> dmp.search(DmpAccess.of(patient), DocumentQuery.findDocuments(patient).build()))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
        }
    }
}
