package io.segursdk.testkit.mail;

import io.segursdk.testkit.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The operator over the wire, with a raw IMAP client: STARTTLS, PLAIN, XOAUTH2 accepted and refused. */
class MailOperatorTest {

    private static final TestPki PKI = TestPki.create();
    private static MailOperator operator;

    @BeforeAll
    static void start() {
        assumeTrue(MailOperator.checkInstalled(), MailOperator.INSTALL_HINT);
        operator = MailOperator.builder(PKI).user("patient@patient.mssante.fr", "pw-patient").start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    void plainLoginAfterStartTls() throws Exception {
        try (Imap imap = Imap.open(operator)) {
            String creds = "\0patient@patient.mssante.fr\0pw-patient";
            List<String> reply = imap.command("a1 AUTHENTICATE PLAIN " + b64(creds), "a1");
            assertThat(last(reply)).startsWith("a1 OK");
        }
    }

    @Test
    void accessTokenAcceptedWithXoauth2() throws Exception {
        String mailbox = "dr.martin@test.mssante.fr";
        try (Imap imap = Imap.open(operator)) {
            List<String> reply = imap.command("a1 AUTHENTICATE XOAUTH2 " + xoauth2(mailbox, operator.accessToken(mailbox)), "a1");
            assertThat(last(reply)).startsWith("a1 OK");
        }
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefusedWithAJsonError() throws Exception {
        String mailbox = "dr.martin@test.mssante.fr";
        for (String token : List.of(operator.forgedAccessToken(mailbox),
                operator.accessToken(mailbox, Instant.now().minus(Duration.ofMinutes(1))),
                operator.accessToken("someone.else@test.mssante.fr"))) {
            try (Imap imap = Imap.open(operator)) {
                imap.send("a1 AUTHENTICATE XOAUTH2 " + xoauth2(mailbox, token));
                String challenge = imap.line();
                assertThat(challenge).startsWith("+ ");
                String json = new String(Base64.getDecoder().decode(challenge.substring(2).strip()), StandardCharsets.UTF_8);
                assertThat(json).contains("\"status\"");
                List<String> reply = imap.command("", "a1");
                assertThat(last(reply)).startsWith("a1 NO");
            }
        }
    }

    @Test
    void runsOnFreeLoopbackPortsWithEmptyMailboxes() {
        assertThat(operator.imapPort()).isNotEqualTo(143).isNotEqualTo(operator.submissionPort());
        assertThat(operator.submissionPort()).isNotEqualTo(587);
        assertThat(operator.delivered("nobody@test.mssante.fr")).isEmpty();
    }

    private static String xoauth2(String user, String token) {
        return b64("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    /** A minimal IMAP client: enough for STARTTLS and AUTHENTICATE. */
    static final class Imap implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        private Imap(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        static Imap open(MailOperator operator) throws Exception {
            Socket plain = new Socket(operator.host(), operator.imapPort());
            Imap clear = new Imap(plain);
            assertThat(clear.line()).startsWith("* OK");
            assertThat(last(clear.command("s1 STARTTLS", "s1"))).startsWith("s1 OK");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(PKI.trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, operator.host(), operator.imapPort(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.startHandshake();
            return new Imap(tls);
        }

        void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String line() throws IOException {
            return in.readLine();
        }

        List<String> command(String command, String tag) throws IOException {
            send(command);
            java.util.ArrayList<String> lines = new java.util.ArrayList<>();
            String l;
            while ((l = in.readLine()) != null) {
                lines.add(l);
                if (l.startsWith(tag + " ")) {
                    break;
                }
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
