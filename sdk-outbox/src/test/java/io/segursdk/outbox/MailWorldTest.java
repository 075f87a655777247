package io.segursdk.outbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.segursdk.testkit.mail.MailOperator;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class that runs against a real mail operator: one {@link MailWorld} for the class, skipped with the install
 * hint where Dovecot and Postfix are missing (and failing instead under {@code CI=true}).
 */
abstract class MailWorldTest {

    /** A delivery grace long enough that an item sent again within a test's time out was not waiting for it. */
    static final Duration LONG_GRACE = Duration.ofMinutes(10);

    static MailWorld mail;

    @BeforeAll
    static void startMailWorld() {
        assumeTrue(MailOperator.checkInstalled(), MailOperator.INSTALL_HINT);
        mail = new MailWorld();
    }

    @AfterAll
    static void stopMailWorld() {
        if (mail != null) {
            mail.close();
            mail = null;
        }
    }
}
