package io.segursdk.dmp.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.dmp.DmpAccess;
import io.segursdk.dmp.DmpClient;
import io.segursdk.dmp.DocumentEntry;
import io.segursdk.dmp.DocumentQuery;
import io.segursdk.dmp.PatientId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * 32 threads share one DMP client for a bounded time (5 s; {@code -Dsegur.concurrency.seconds=60} for the long
 * run, see docs/security.md), each feeding and searching its own patient's record: no error, and every search
 * returns exactly the documents its own thread fed.
 */
class DmpConcurrencyTest {

    static final int THREADS = 32;
    static final Duration RUN = Duration.ofSeconds(Long.getLong("segur.concurrency.seconds", 5));
    static final DmpBed BED = new DmpBed();

    @AfterAll
    static void stop() {
        BED.close();
    }

    @Test
    void thirtyTwoThreadsShareOneClient() throws Exception {
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(THREADS);
        List<PatientId> patients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            patients.add(BED.newPatient());
        }
        long deadline = System.nanoTime() + RUN.toNanos();
        try (DmpClient dmp = BED.clientBuilder().timeouts(new io.segursdk.core.config.Timeouts(Duration.ofSeconds(30),
                Duration.ofSeconds(60))).build()) {
            for (int t = 0; t < THREADS; t++) {
                PatientId patient = patients.get(t);
                new Thread(() -> {
                    Set<String> fed = new HashSet<>();
                    try {
                        do {
                            String uid = DmpBed.uid();
                            dmp.feed(DmpAccess.of(patient), DmpBed.submission(patient, uid));
                            fed.add(uid);
                            Set<String> found = dmp.search(DmpAccess.of(patient),
                                    DocumentQuery.findDocuments(patient).build()).entries().stream()
                                    .map(DocumentEntry::uniqueId).collect(Collectors.toSet());
                            if (!found.equals(fed)) {
                                throw new AssertionError("a search returned other documents than its patient's");
                            }
                            calls.addAndGet(2);
                        } while (System.nanoTime() < deadline && errors.isEmpty());
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        done.countDown();
                    }
                }, "dmp-load-" + t).start();
            }
            done.await();
        }
        assertThat(errors).isEmpty();
        assertThat(calls.get()).isGreaterThanOrEqualTo(2 * THREADS);
        for (PatientId p : patients) {
            assertThat(BED.record(p).entries()).isNotEmpty();
        }
    }
}
