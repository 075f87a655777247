package io.segursdk.mssante;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.mail.MailOperator;
import io.segursdk.testkit.pki.TestPki;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several processes (here: several clients) reading one mailbox from one address can exceed the operator's limit of
 * connections per user and address (Dovecot: 10). The refusal is a retryable {@link TransportException}, never a
 * {@link TokenRefusedException}, and the cached token is kept.
 */
class ImapConnectionLimitTest {

    static final TestPki PKI = TestPki.create();
    static final String MAILBOX = "dr.limit@test.mssante.fr";
    static MailOperator operator;

    @BeforeAll
    static void start() {
        assumeTrue(MailOperator.checkInstalled(), MailOperator.INSTALL_HINT);
        operator = MailOperator.builder(PKI).start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    void tooManyConnectionsIsATemporaryRefusalNotABadToken() throws Exception {
        AtomicInteger invalidated = new AtomicInteger();
        AccessTokenSupplier tokens = new AccessTokenSupplier() {
            @Override
            public String accessToken() {
                return operator.accessToken(MAILBOX);
            }

            @Override
            public void invalidate() {
                invalidated.incrementAndGet();
            }
        };
        List<MssanteClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // 4 clients × 4 sessions each = 16 sessions, above the operator's 10
            clients.add(MssanteClient.builder().smtp(operator.host(), operator.submissionPort())
                    .imap(operator.host(), operator.imapPort())
                    .tls(TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).build())
                    .authentication(MssanteAuthentication.xoauth2(tokens))
                    .mailbox(MAILBOX).productReference("SEGUR-SDK-TEST-1.0").build());
        }
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger temporary = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(16);
        long deadline = System.nanoTime() + 4_000_000_000L;
        for (int t = 0; t < 16; t++) {
            MssanteClient client = clients.get(t % 4);
            new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        try {
                            client.messages("INBOX");
                            reads.incrementAndGet();
                        } catch (TransportException e) {
                            assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
                            temporary.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        clients.forEach(MssanteClient::close);
        assertThat(unexpected).as("no token refusal nor any other error").isEmpty();
        assertThat(invalidated).as("the token was never thrown away").hasValue(0);
        assertThat(reads.get()).isPositive();
        assertThat(temporary.get()).as("the operator's connection limit was reached").isPositive();
    }
}
