package io.segursdk.mssante.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the protocol trace of a connection while it authenticates, keeping only one thing: the error a server sends
 * as a base64 JSON challenge when it refuses a bearer token ({@code 334 <base64>} in SMTP, {@code + <base64>} in
 * IMAP). Every other line, the client's (which hold the token) included, is dropped as soon as it ends; nothing is
 * kept or logged. Switched off after authentication, it drops bytes without looking at them.
 */
public final class SaslErrorCapture extends OutputStream {

    private static final int MAX_LINE = 16 * 1024;

    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean overflow;
    private volatile boolean active = true;
    private volatile String serverError;

    /** @return a print stream over this capture, for {@code Session.setDebugOut} */
    public PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.US_ASCII);
    }

    /** Stops looking at the trace. */
    public void stop() {
        active = false;
        length = 0;
        java.util.Arrays.fill(line, (byte) 0);
    }

    /** @return the decoded JSON error, or {@code null} */
    public String serverError() {
        return serverError;
    }

    @Override
    public synchronized void write(int b) {
        if (!active) {
            return;
        }
        if (b == '\n') {
            inspect();
            java.util.Arrays.fill(line, 0, length, (byte) 0);
            length = 0;
            overflow = false;
            return;
        }
        if (length < MAX_LINE) {
            line[length++] = (byte) b;
        } else {
            overflow = true;
        }
    }

    private void inspect() {
        if (overflow) {
            return;
        }
        String s = new String(line, 0, length, StandardCharsets.US_ASCII).strip();
        String payload = null;
        if (s.startsWith("334 ")) {
            payload = s.substring(4).strip();
        } else if (s.startsWith("+ ")) {
            payload = s.substring(2).strip();
        }
        if (payload == null || payload.isEmpty()) {
            return;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).strip();
            if (decoded.startsWith("{") && decoded.endsWith("}") && decoded.length() < 2048) {
                serverError = decoded;
            }
        } catch (IllegalArgumentException e) {
            // not base64: a plain continuation
        }
    }
}
