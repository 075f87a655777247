package io.segursdk.ins.insi;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.ins.IdentityTraits;
import io.segursdk.ins.InsiClient;
import io.segursdk.ins.InsiOutcome;
import io.segursdk.ins.InsiResult;
import io.segursdk.testkit.insi.InsiPersona;
import io.segursdk.testkit.insi.InsiPersonas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * 32 threads share one INSi client for a bounded time (5 s; {@code -Dsegur.concurrency.seconds=60} for the long
 * run, see docs/security.md): no error, and every answer is the identity of the patient its own request asked for.
 */
class InsiConcurrencyTest {

    static final int THREADS = 32;
    static final Duration RUN = Duration.ofSeconds(Long.getLong("segur.concurrency.seconds", 5));
    static final InsiTestBed BED = new InsiTestBed();
    static final List<InsiPersona> PATIENTS = List.of(InsiPersonas.BRANDEVILLE, InsiPersonas.SANTUCCI_ORSO,
            InsiPersonas.PENDRAGUE, InsiPersonas.GARNIER_VOLTE_NANTES, InsiPersonas.GARNIER_VOLTE_MARSEILLE);

    @AfterAll
    static void stop() {
        BED.close();
    }

    static IdentityTraits traits(InsiPersona p) {
        IdentityTraits.Builder b = IdentityTraits.builder().birthName(p.birthName())
                .birthFirstNames(p.firstNames().toArray(String[]::new)).sex(p.sex()).birthDate(p.birthDate());
        p.birthPlace().ifPresent(b::birthPlace);
        return b.build();
    }

    @Test
    void thirtyTwoThreadsShareOneClient() throws Exception {
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        try (InsiClient client = BED.mtlsClient()) {
            long deadline = System.nanoTime() + RUN.toNanos();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        while (System.nanoTime() < deadline && errors.isEmpty()) {
                            InsiPersona asked = PATIENTS.get(ThreadLocalRandom.current().nextInt(PATIENTS.size()));
                            InsiResult r = client.searchByTraits(traits(asked));
                            if (r.outcome() != InsiOutcome.FOUND || !r.identity().orElseThrow().activeIns().matricule()
                                    .equals(asked.activeIns().matricule())) {
                                throw new AssertionError("answer for another request: " + r.outcome());
                            }
                            calls.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        done.countDown();
                    }
                }, "insi-load-" + t);
                threads.add(thread);
                thread.start();
            }
            done.await();
        }
        assertThat(errors).isEmpty();
        assertThat(calls.get()).isGreaterThanOrEqualTo(THREADS);
    }
}
