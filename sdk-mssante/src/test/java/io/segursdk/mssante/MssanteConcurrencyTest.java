package io.segursdk.mssante;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.mail.MailOperator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * 32 threads share one MssanteClient against the real mail operator for a bounded time (5 s;
 * {@code -Dsegur.concurrency.seconds=60} for the long run, see docs/security.md): half send, half read the
 * recipient's inbox through a second shared client. No error; every message arrives exactly once, and every message
 * read has the body that goes with its subject (no mixing of one call's data into another's).
 */
class MssanteConcurrencyTest extends MailOperatorTest {

    static final int THREADS = 32;
    static final Duration RUN = Duration.ofSeconds(Long.getLong("segur.concurrency.seconds", 5));
    static final String FROM = "dr.load.a@test.mssante.fr";
    static final String TO = "dr.load.b@test.mssante.fr";

    static MssanteClient client(String mailbox) {
        return MssanteClient.builder().smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).ansCipherSuitesOnly(true).build())
                .authentication(MssanteAuthentication.xoauth2(() -> operator.accessToken(mailbox)))
                .mailbox(mailbox).productReference("SEGUR-SDK-TEST-1.0").build();
    }

    static void checkConsistent(IncomingMessage m) {
        String subject = m.subject();
        if (!subject.startsWith("load ")) {
            throw new AssertionError("unexpected message in the inbox");
        }
        String token = subject.substring("load ".length());
        if (!m.text().orElse("").strip().equals("body " + token)
                || !m.messageId().orElse("").startsWith(token + "-")) {
            throw new AssertionError("a message's parts do not belong together: " + token);
        }
    }

    @Test
    void thirtyTwoThreadsShareOneClient() throws Exception {
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(THREADS);
        long deadline = System.nanoTime() + RUN.toNanos();
        try (MssanteClient sender = client(FROM); MssanteClient reader = client(TO)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                boolean sends = t % 2 == 0;
                int n = t;
                Thread thread = new Thread(() -> {
                    try {
                        int i = 0;
                        while (System.nanoTime() < deadline && errors.isEmpty()) {
                            if (sends) {
                                String token = n + "." + i++;
                                String id = token + "-" + UUID.randomUUID() + "@cabinet.test";
                                String returned = sender.send(MssanteMessage.builder().to(TO).subject("load " + token)
                                        .text("body " + token).messageId(id).build());
                                if (!id.equals(returned)) {
                                    throw new AssertionError("send returned another message's id");
                                }
                                sent.add(id);
                            } else {
                                reader.messages("INBOX").forEach(MssanteConcurrencyTest::checkConsistent);
                                reads.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        done.countDown();
                    }
                }, "mssante-load-" + t);
                threads.add(thread);
                thread.start();
            }
            done.await();
            assertThat(errors).as(() -> "errors; operator log:\n" + operator.tail("dovecot.log")).isEmpty();
            assertThat(sent).hasSizeGreaterThanOrEqualTo(THREADS / 2);
            assertThat(reads.get()).isGreaterThanOrEqualTo(THREADS / 2);

            // every message sent arrives, once, whole
            Map<String, Integer> seen = new HashMap<>();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<IncomingMessage> inbox;
            do {
                Thread.sleep(200);
                inbox = reader.messages("INBOX");
            } while (inbox.size() < sent.size() && System.nanoTime() < until);
            for (IncomingMessage m : inbox) {
                checkConsistent(m);
                seen.merge(m.messageId().orElseThrow(), 1, Integer::sum);
            }
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(seen.values()).allMatch(count -> count == 1);
        }
    }
}
