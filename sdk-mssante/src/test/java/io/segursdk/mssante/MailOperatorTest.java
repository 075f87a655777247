package io.segursdk.mssante;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.segursdk.testkit.mail.MailOperator;
import io.segursdk.testkit.pki.TestPki;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class that runs against its own real mail operator (the testkit's Dovecot + Postfix with default settings),
 * skipped with the install hint where they are missing (and failing instead under {@code CI=true}).
 */
abstract class MailOperatorTest {

    static final TestPki PKI = TestPki.create();
    static MailOperator operator;

    @BeforeAll
    static void startOperator() {
        assumeTrue(MailOperator.checkInstalled(), MailOperator.INSTALL_HINT);
        operator = MailOperator.builder(PKI).start();
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }
}
