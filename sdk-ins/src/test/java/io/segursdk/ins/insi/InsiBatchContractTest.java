package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.core.error.ServiceFaultException;
import io.segursdk.ins.BatchEntryResult;
import io.segursdk.ins.BatchOptions;
import io.segursdk.ins.BatchProgress;
import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.Ins;
import io.segursdk.ins.InsAuthority;
import io.segursdk.ins.InsiBatch;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.InsiResult;
import io.segursdk.ins.InsiVerification;
import io.segursdk.ins.InsiVerification.Outcome;
import io.segursdk.ins.InsiVerificationRequest;
import io.segursdk.testkit.insi.InsiSimulator;
import io.segursdk.testkit.server.Fault;
import io.segursdk.testkit.server.SimHandler;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk INSi verification and search against the simulator, over HTTPS with a client certificate. */
class InsiBatchContractTest {

    private static final InsiTestBed BED = new InsiTestBed();
    private static final Recorder RECORDER = new Recorder(BED.insi);
    private static final InsiClient CLIENT;

    static {
        BED.server.route(InsiSimulator.PATH, RECORDER);
        CLIENT = BED.mtlsClient();
    }

    /** Wraps the simulator: when each call reached it, and how many were in flight at once. */
    static final class Recorder implements SimHandler {
        final SimHandler target;
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile long holdMillis;

        Recorder(SimHandler target) {
            this.target = target;
        }

        @Override
        public SimResponse handle(SimRequest request) throws Exception {
            arrivals.add(System.nanoTime());
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                if (holdMillis > 0) {
                    Thread.sleep(holdMillis);
                }
                return target.handle(request);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        void reset() {
            arrivals.clear();
            maxInFlight.set(0);
            holdMillis = 0;
        }
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        BED.close();
    }

    @BeforeEach
    void forget() {
        BED.server.clearCaptured();
        BED.server.clearFaults();
        RECORDER.reset();
    }

    private static IdentityTraits traits(String name, String sex, String date, String place, String... firstNames) {
        return IdentityTraits.builder().birthName(name).birthFirstNames(firstNames).sex(sex).birthDate(date)
                .birthPlace(place).build();
    }

    /** One row of the 200: what to send, what to expect, how many calls it makes. */
    private record Row(InsiVerificationRequest request, Outcome expected, int calls) {
    }

    private static Row row(int i) {
        return switch (i % 10) {
            case 0, 1 -> new Row(new InsiVerificationRequest(Ins.of("284053523811778", InsAuthority.NIR),
                    traits("BRANDEVILLE", "F", "1984-05-12", "35238", "MAELYS", "ODILE")), Outcome.VERIFIED, 1);
            case 2 -> new Row(new InsiVerificationRequest(Ins.of("166099913402734", InsAuthority.NIA),
                    traits("VERMANDOIS", "M", "1966-09-30", null, "CLEMENT", "YVES")), Outcome.INS_REPLACED, 1);
            case 3 -> new Row(new InsiVerificationRequest(Ins.of("215043155516309", InsAuthority.NIR),
                    traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")), Outcome.INS_DIFFERENT, 1);
            case 4 -> new Row(new InsiVerificationRequest(Ins.of("284053523811778", InsAuthority.NIR),
                    traits("BRANDEVILLE", "F", "1985-05-12", null, "MAELYS")), Outcome.NOT_FOUND, 1);
            case 5 -> new Row(new InsiVerificationRequest(Ins.of("112064410905289", InsAuthority.NIR),
                    traits("GARNIER-VOLTE", "M", "2012-06-09", null, "JULES")), Outcome.SEVERAL_FOUND, 1);
            case 6 -> new Row(new InsiVerificationRequest(Ins.of("171116912304570", InsAuthority.NIR),
                    traits("LORIVAL", "M", "1971-11-03", null, "AUBIN", "THEO")), Outcome.TRAITS_DIFFERENT, 2);
            // invalid rows: reported in their entry, nothing sent
            case 7 -> new Row(new InsiVerificationRequest(Ins.of("284053523811778", InsAuthority.NIR),
                    traits("BRANDEVILLE", "I", "1984-05-12", null, "MAELYS")), null, 0);
            case 8 -> new Row(new InsiVerificationRequest(null,
                    traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")), null, 0);
            default -> new Row(null, null, 0);
        };
    }

    @Test
    void twoHundredIdentitiesGiveTwoHundredResultsInOrder() throws Exception {
        warmUp();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(row(i));
        }
        List<InsiVerificationRequest> requests = new ArrayList<>();
        rows.forEach(r -> requests.add(r.request()));
        // retryable faults on the first calls: two Receiver faults, two HTTP 503; one non-retryable Sender fault
        BED.insi.failNext("Receiver", null, "SIMU_INDISPONIBLE", "Service momentanément indisponible")
                .failNext("Receiver", null, "SIMU_INDISPONIBLE", "Service momentanément indisponible")
                .failNext("Sender", null, "insi_24", "Le format du champ sexe est incorrect");
        BED.server.injectFault(Fault.status(503, "text/html", "<html>busy</html>").times(2));
        List<BatchProgress> progress = new CopyOnWriteArrayList<>();

        // tag::batch[]
        BatchOptions options = BatchOptions.builder()
                .concurrency(2)                               // calls in flight at once
                .rateLimit(40, Duration.ofSeconds(1))         // at most 40 calls in any second
                .maxAttempts(5)                               // retryable failures are tried again...
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)) // ...after a growing wait
                .progressListener(progress::add)              // counts only, never patient data
                .build();
        InsiBatch<InsiVerification> batch = CLIENT.verifyAll(requests, options);
        List<BatchEntryResult<InsiVerification>> results = batch.await();
        for (BatchEntryResult<InsiVerification> entry : results) {
            if (entry.isSuccess()) {
                InsiVerification verification = entry.value().orElseThrow();
                // ... record verification.outcome() for requests.get(entry.index())
            } else {
                // entry.failure(): the SegurException of this entry (invalid row, fault, network), or cancelled
            }
        }
        // end::batch[]

        assertThat(results).hasSize(200);
        int senderFaults = 0;
        int extraAttempts = 0;
        int callsNotMade = 0;
        for (int i = 0; i < 200; i++) {
            BatchEntryResult<InsiVerification> entry = results.get(i);
            Row row = rows.get(i);
            assertThat(entry.index()).isEqualTo(i);
            extraAttempts += entry.attempts() - 1;
            if (row.expected() == null) {
                assertThat(entry.status()).as("row %d", i).isEqualTo(BatchEntryResult.Status.FAILED);
                assertThat(entry.failure().orElseThrow()).isInstanceOf(InvalidRequestException.class);
                assertThat(entry.attempts()).isEqualTo(1);
            } else if (entry.status() == BatchEntryResult.Status.FAILED) {
                senderFaults++;
                callsNotMade += row.calls() - 1; // a search stops at its first fault
                assertThat(entry.failure().orElseThrow()).isInstanceOfSatisfying(ServiceFaultException.class,
                        e -> assertThat(e.detailCode()).contains("insi_24"));
            } else {
                assertThat(entry.status()).as("row %d", i).isEqualTo(BatchEntryResult.Status.SUCCEEDED);
                assertThat(entry.value().orElseThrow().outcome()).as("row %d", i).isEqualTo(row.expected());
            }
        }
        assertThat(senderFaults).as("the non-retryable fault ends its entry, without retry").isEqualTo(1);
        assertThat(extraAttempts).as("each retryable fault costs one retry").isEqualTo(4);

        int calls = rows.stream().mapToInt(Row::calls).sum() + 4 - callsNotMade;
        assertThat(BED.server.captured()).hasSize(calls);
        assertThat(RECORDER.maxInFlight.get()).isLessThanOrEqualTo(2);
        assertRateLimit(RECORDER.arrivals, 40);

        assertMonotonicAndComplete(progress, 200);
        BatchProgress last = progress.get(progress.size() - 1);
        assertThat(last.failed()).isEqualTo(60 + 1);
        assertThat(last.succeeded()).isEqualTo(139);
        assertThat(last.count(Outcome.VERIFIED) + last.count(Outcome.INS_REPLACED) + last.count(Outcome.NOT_FOUND)
                + last.count(Outcome.INS_DIFFERENT) + last.count(Outcome.SEVERAL_FOUND)
                + last.count(Outcome.TRAITS_DIFFERENT)).isEqualTo(139);
        assertThat(last.toString()).doesNotContain("BRANDEVILLE", "284053523811778");
        assertThat(batch.isDone()).isTrue();
    }

    /** Opens the client's connections before the timed part, so that no TLS handshake skews the arrival times. */
    private static void warmUp() throws InterruptedException {
        List<IdentityTraits> few = Collections.nCopies(4, traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS"));
        CLIENT.searchAll(few, BatchOptions.builder().rateLimit(1000, Duration.ofSeconds(1)).build()).await();
        BED.server.clearCaptured();
        RECORDER.reset();
    }

    /**
     * No window of one second holds more than {@code limit} arrivals. The client paces the call starts; what the
     * server sees adds the exchange's own jitter (envelope, loopback, scheduling on a shared machine), which this
     * check allows up to 150 ms of.
     */
    private static void assertRateLimit(List<Long> arrivalNanos, int limit) {
        List<Long> sorted = new ArrayList<>(arrivalNanos);
        Collections.sort(sorted);
        assertThat(sorted.size()).as("enough calls for the limit to matter").isGreaterThan(2 * limit);
        long window = Duration.ofSeconds(1).minusMillis(150).toNanos();
        for (int i = 0; i + limit < sorted.size(); i++) {
            assertThat(sorted.get(i + limit) - sorted.get(i))
                    .as("calls %d to %d arrived within less than a second", i, i + limit)
                    .isGreaterThanOrEqualTo(window);
        }
    }

    private static void assertMonotonicAndComplete(List<BatchProgress> progress, int total) {
        assertThat(progress).isNotEmpty();
        int previous = 0;
        for (BatchProgress p : progress) {
            assertThat(p.total()).isEqualTo(total);
            assertThat(p.done()).isGreaterThanOrEqualTo(previous);
            assertThat(p.done()).isEqualTo(p.succeeded() + p.failed() + p.cancelled());
            previous = p.done();
        }
        assertThat(progress.get(progress.size() - 1).isComplete()).isTrue();
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        RECORDER.holdMillis = 40;
        List<IdentityTraits> traits = Collections.nCopies(24,
                traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS"));
        List<BatchEntryResult<InsiResult>> results = CLIENT.searchAll(traits, BatchOptions.builder()
                .concurrency(3).rateLimit(1000, Duration.ofSeconds(1)).build()).await();

        assertThat(results).hasSize(24).allSatisfy(r ->
                assertThat(r.value().orElseThrow().outcome()).isEqualTo(InsiOutcome.FOUND));
        assertThat(RECORDER.maxInFlight.get()).isLessThanOrEqualTo(3).isGreaterThanOrEqualTo(2);
    }

    @Test
    void cancellationReportsTheUnfinishedEntriesAsCancelled() throws Exception {
        List<IdentityTraits> traits = Collections.nCopies(40,
                traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS"));
        List<BatchProgress> progress = new CopyOnWriteArrayList<>();
        AtomicInteger seen = new AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        InsiBatch<InsiResult> batch = CLIENT.searchAll(traits, BatchOptions.builder()
                .rateLimit(10, Duration.ofSeconds(1))
                .progressListener(p -> {
                    progress.add(p);
                    if (seen.incrementAndGet() == 3) {
                        started.countDown();
                    }
                })
                .build());
        started.await();
        batch.cancel();
        List<BatchEntryResult<InsiResult>> results = batch.await();

        assertThat(batch.isCancelled()).isTrue();
        assertThat(results).hasSize(40);
        long succeeded = results.stream().filter(BatchEntryResult::isSuccess).count();
        long cancelled = results.stream().filter(r -> r.status() == BatchEntryResult.Status.CANCELLED).count();
        assertThat(succeeded).isGreaterThanOrEqualTo(3).isLessThan(40);
        assertThat(succeeded + cancelled).isEqualTo(40);
        assertThat(BED.server.captured()).hasSize((int) succeeded);
        for (int i = 0; i < 40; i++) {
            assertThat(results.get(i).index()).isEqualTo(i);
        }
        assertThat(results.get(39).status()).isEqualTo(BatchEntryResult.Status.CANCELLED);
        assertThatThrownBy(() -> results.get(39).get())
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertMonotonicAndComplete(progress, 40);
        assertThat(progress.get(progress.size() - 1).cancelled()).isEqualTo((int) cancelled);
    }

    @Test
    void retryableFailuresAreRetriedAtMostMaxAttemptsTimes() throws Exception {
        BED.server.injectFault(Fault.status(503, "text/html", "<html>busy</html>").times(3));
        List<BatchEntryResult<InsiResult>> results = CLIENT.searchAll(
                List.of(traits("BRANDEVILLE", "F", "1984-05-12", null, "MAELYS")),
                BatchOptions.builder().maxAttempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(40)).build())
                .await();

        BatchEntryResult<InsiResult> entry = results.get(0);
        assertThat(entry.status()).isEqualTo(BatchEntryResult.Status.FAILED);
        assertThat(entry.attempts()).isEqualTo(3);
        assertThat(entry.failure().orElseThrow().isRetryable()).isTrue();
        assertThat(BED.server.captured()).hasSize(3);
    }

    @Test
    void anEmptyListEndsAtOnce() throws Exception {
        List<BatchProgress> progress = new CopyOnWriteArrayList<>();
        InsiBatch<InsiResult> batch = CLIENT.searchAll(List.of(),
                BatchOptions.builder().progressListener(progress::add).build());
        assertThat(batch.await()).isEmpty();
        assertThat(progress).hasSize(1);
        assertThat(progress.get(0).isComplete()).isTrue();
    }

    @Test
    void badOptionsAreReportedTogether() {
        assertThatThrownBy(() -> BatchOptions.builder().concurrency(0).rateLimit(0, Duration.ZERO).maxAttempts(11)
                .build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .contains("batch.concurrency", "batch.rateLimit.calls", "batch.rateLimit.per",
                                "batch.maxAttempts"));
        assertThatThrownBy(() -> CLIENT.verifyAll(null, null)).isInstanceOf(InvalidRequestException.class);
        assertThat(BatchOptions.defaults().concurrency()).isEqualTo(2);
        assertThat(BatchOptions.defaults().callsPerPeriod()).isEqualTo(5);
        assertThat(BatchOptions.defaults().period()).isEqualTo(Duration.ofSeconds(1));
    }
}
