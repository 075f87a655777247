package io.segursdk.mssante.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which server refusals during authentication say nothing about the token (and so must not discard it). */
class TemporaryRefusalTest {

    @Test
    void connectionLimitsAndTemporaryCodesAreNotTokenRefusals() {
        assertThat(MailConnector.temporaryRefusal(
                "* BYE Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)"))
                .isTrue();
        assertThat(MailConnector.temporaryRefusal("A3 NO [UNAVAILABLE] Temporary authentication failure")).isTrue();
        assertThat(MailConnector.temporaryRefusal("A3 NO [LIMIT] Too many sessions")).isTrue();
        assertThat(MailConnector.temporaryRefusal("A3 NO [INUSE] Mailbox in use")).isTrue();
    }

    @Test
    void aRefusedCredentialIsNot() {
        assertThat(MailConnector.temporaryRefusal("A3 NO [AUTHENTICATIONFAILED] Authentication failed.")).isFalse();
        assertThat(MailConnector.temporaryRefusal("535 5.7.8 Error: authentication failed")).isFalse();
        assertThat(MailConnector.temporaryRefusal(null)).isFalse();
    }
}
