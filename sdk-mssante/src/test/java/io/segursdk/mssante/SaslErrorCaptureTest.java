package io.segursdk.mssante;

import io.segursdk.mssante.internal.SaslErrorCapture;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace reader keeps the server's base64 JSON error and nothing else. */
class SaslErrorCaptureTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsOnlyTheServersJsonChallenge() {
        SaslErrorCapture capture = new SaslErrorCapture();
        PrintStream out = capture.printStream();
        out.print("AUTH XOAUTH2 " + b64("user=a@b.fr\u0001auth=Bearer secret-token\u0001\u0001") + "\r\n");
        out.print("334 " + b64("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}") + "\r\n");
        out.print("535 5.7.8 Error: authentication failed\r\n");
        assertThat(capture.serverError()).isEqualTo("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}");
        assertThat(new TokenRefusedException("refused", "MSSANTE-SMTP", capture.serverError(), null).code())
                .contains("401");
    }

    @Test
    void imapContinuationAndStop() {
        SaslErrorCapture capture = new SaslErrorCapture();
        PrintStream out = capture.printStream();
        out.print("+ \r\n");
        assertThat(capture.serverError()).isNull();
        capture.stop();
        out.print("+ " + b64("{\"status\":\"invalid_token\"}") + "\r\n");
        assertThat(capture.serverError()).isNull();
    }
}
