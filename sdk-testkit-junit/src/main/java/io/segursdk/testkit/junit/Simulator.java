package io.segursdk.testkit.junit;

/**
 * A national service the {@link SegurSimulators} extension can start for a test class.
 *
 */
public enum Simulator {
    /** The CNAM's INSi téléservice ({@link io.segursdk.testkit.insi.InsiSimulator}), with its built-in personas. */
    INSI,
    /** The DMP's web services ({@link io.segursdk.testkit.dmp.DmpSimulator}). */
    DMP,
    /** Pro Santé Connect ({@link io.segursdk.testkit.psc.PscSimulator}), with one registered client and physician. */
    PSC,
    /**
     * An MSSanté mail operator ({@link io.segursdk.testkit.mail.MailOperator}): Dovecot and Postfix on loopback with
     * private configurations, a mailbox for the test physician and one for each INSi persona. Needs the Debian
     * packages {@code dovecot-imapd}, {@code dovecot-lmtpd} and {@code postfix}, and root: without them the test class
     * is skipped with a message saying so, except under {@code CI=true}, where it fails.
     */
    MAIL
}
