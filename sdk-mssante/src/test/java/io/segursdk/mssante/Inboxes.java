package io.segursdk.mssante;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/** Waiting for deliveries in the contract tests: the operator delivers asynchronously after a submission. */
final class Inboxes {

    /** How long a delivery may take on a busy machine. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private Inboxes() {
    }

    /**
     * Polls a mailbox's INBOX until it holds at least {@code count} messages.
     *
     * @param client the mailbox's client
     * @param count  the number expected
     * @return the messages
     * @throws AssertionError when fewer arrived within {@link #WAIT}
     */
    static List<IncomingMessage> await(MssanteClient client, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<IncomingMessage> got = client.messages("INBOX");
            if (got.size() >= count || System.nanoTime() > deadline) {
                assertThat(got).as("messages in " + client.mailbox()).hasSizeGreaterThanOrEqualTo(count);
                return got;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
