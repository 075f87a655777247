package io.segursdk.mssante;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.auth.psc.AccessTokenSupplier;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.mail.MailOperator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

/**
 * Other processes reading one mailbox from the same address can use up the operator's connections per user and
 * address (Dovecot: 10). The session the SDK then opens is turned away after authentication: that is a retryable
 * {@link TransportException}, never a {@link TokenRefusedException}, and the cached token is kept.
 */
class ImapConnectionLimitTest extends MailOperatorTest {

    static final String MAILBOX = "dr.limit@test.mssante.fr";
    static final int OPERATOR_LIMIT = 10;

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
        try (MssanteClient client = MssanteClient.builder().smtp(operator.host(), operator.submissionPort())
                .imap(operator.host(), operator.imapPort())
                .tls(TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).build())
                .authentication(MssanteAuthentication.xoauth2(tokens))
                .mailbox(MAILBOX).productReference("SEGUR-SDK-TEST-1.0").build()) {
            List<Socket> others = new ArrayList<>();
            try {
                for (int i = 0; i < OPERATOR_LIMIT; i++) {
                    others.add(authenticatedSession());
                }
                Throwable thrown = catchThrowable(() -> client.messages("INBOX"));
                assertThat(thrown).isInstanceOf(TransportException.class).isNotInstanceOf(TokenRefusedException.class);
                assertThat(((TransportException) thrown).isRetryable()).isTrue();
                assertThat(invalidated).as("the token was kept").hasValue(0);
            } finally {
                for (Socket s : others) {
                    s.close();
                }
            }
            // once the other sessions are gone, the same client reads again
            long deadline = System.nanoTime() + 10_000_000_000L;
            Throwable last;
            do {
                last = catchThrowable(() -> client.messages("INBOX"));
            } while (last != null && System.nanoTime() < deadline);
            assertThat(last).isNull();
        }
    }

    /** Another program's IMAP session for the same mailbox: STARTTLS, then XOAUTH2, then left open. */
    private static Socket authenticatedSession() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(PKI.trustStore());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        Socket plain = new Socket(operator.host(), operator.imapPort());
        plain.setSoTimeout(10_000);
        BufferedReader in = reader(plain);
        expect(in, "* OK");
        send(plain.getOutputStream(), "a STARTTLS");
        expect(in, "a OK");
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, operator.host(), operator.imapPort(), true);
        s.startHandshake();
        String sasl = "user=" + MAILBOX + "\u0001auth=Bearer " + operator.accessToken(MAILBOX) + "\u0001\u0001";
        send(s.getOutputStream(), "b AUTHENTICATE XOAUTH2 "
                + Base64.getEncoder().encodeToString(sasl.getBytes(StandardCharsets.UTF_8)));
        expect(reader(s), "b OK");
        return s;
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String prefix) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return;
            }
            if (!line.startsWith("*")) {
                throw new IOException("unexpected answer: " + line);
            }
        }
        throw new IOException("connection closed before " + prefix);
    }
}
