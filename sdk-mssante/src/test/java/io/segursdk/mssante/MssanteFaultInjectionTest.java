package io.segursdk.mssante;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.segursdk.core.config.Timeouts;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;
import io.segursdk.core.tls.TlsOptions;
import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.ThreadSnapshot;
import io.segursdk.testkit.server.UnresponsivePort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MssanteClient against servers that misbehave at the TCP and protocol level (a server of this test's own, speaking
 * just enough SMTP and IMAP), for sending and for reading: each failure is a typed exception that comes within the
 * configured timeouts, and the client leaves no thread and no open connection behind.
 */
class MssanteFaultInjectionTest {

    static final TestPki PKI = TestPki.create();
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    /** Connect + read timeouts, plus a margin for a loaded machine: no failure may take longer. */
    static final Duration LIMIT = Duration.ofSeconds(12);

    /** Which side of the client is exercised. */
    enum Side { SMTP, IMAP }

    /** How the server misbehaves. */
    enum Misbehaviour {
        /** Accepts, then says nothing: the greeting never comes. */
        STALL,
        /** Sends half a greeting, then resets the connection. */
        RESET_MID_GREETING,
        /** Greets with something that is not SMTP or IMAP. */
        GARBAGE_GREETING,
        /** Speaks the protocol but does not offer STARTTLS, and refuses it when asked. */
        STARTTLS_REFUSED,
        /** Greets, offers STARTTLS, then stalls on the STARTTLS command. */
        STALL_AFTER_STARTTLS
    }

    static MssanteClient client(int smtpPort, int imapPort) {
        return MssanteClient.builder().smtp("127.0.0.1", smtpPort).imap("127.0.0.1", imapPort)
                .tls(TlsOptions.builder().addTrustAnchor(PKI.rootCertificate()).build())
                .authentication(MssanteAuthentication.xoauth2(() -> "token-never-sent"))
                .mailbox("dr.a@test.mssante.fr").productReference("SEGUR-SDK-TEST-1.0").timeouts(TIMEOUTS)
                .build();
    }

    static SegurException exercise(MssanteClient client, Side side) {
        Throwable t = catchThrowable(() -> {
            if (side == Side.SMTP) {
                client.send(MssanteMessage.builder().to("dr.b@test.mssante.fr").subject("Compte rendu")
                        .text("Bonjour").build());
            } else {
                client.messages("INBOX");
            }
        });
        assertThat(t).isInstanceOf(SegurException.class);
        return (SegurException) t;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Misbehaviour.class)
    void smtpMisbehaviourEndsInATypedError(Misbehaviour m) throws Exception {
        assertTypedFailure(m, Side.SMTP);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Misbehaviour.class)
    void imapMisbehaviourEndsInATypedError(Misbehaviour m) throws Exception {
        assertTypedFailure(m, Side.IMAP);
    }

    private static void assertTypedFailure(Misbehaviour m, Side side) throws Exception {
        ThreadSnapshot threads = ThreadSnapshot.take();
        SegurException e;
        Duration took;
        try (BadServer server = new BadServer(m, side)) {
            long start = System.nanoTime();
            try (MssanteClient client = client(server.port(), server.port())) {
                e = exercise(client, side);
            }
            took = Duration.ofNanos(System.nanoTime() - start);
            server.awaitAllClosed(Duration.ofSeconds(10));
            assertThat(server.open()).as("connections the client left open").isZero();
            assertThat(server.accepted()).as("the client did connect").isPositive();
        }
        assertThat(e).as(m + " " + side).isInstanceOf(TransportException.class);
        assertThat(e.getMessage()).doesNotContain("token-never-sent");
        assertThat(took).as("within the configured timeouts").isLessThan(LIMIT);
        assertThat(threads.newThreadsAfter(Duration.ofSeconds(10))).extracting(Thread::getName)
                .as("threads left behind").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void connectTimeoutEndsInARetryableTransportError(Side side) {
        ThreadSnapshot threads = ThreadSnapshot.take();
        try (UnresponsivePort port = UnresponsivePort.open()) {
            int p = port.uri("/").getPort();
            long start = System.nanoTime();
            SegurException e;
            try (MssanteClient client = client(p, p)) {
                e = exercise(client, side);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT);
            assertThat(e).isInstanceOfSatisfying(TransportException.class,
                    t -> assertThat(t.isRetryable()).isTrue());
        }
        assertThat(threads.newThreadsAfter(Duration.ofSeconds(10))).extracting(Thread::getName).isEmpty();
    }

    @Test
    void connectionRefusedIsARetryableTransportError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (MssanteClient client = client(port, port)) {
            for (Side side : Side.values()) {
                assertThat(exercise(client, side)).isInstanceOfSatisfying(TransportException.class,
                        t -> assertThat(t.isRetryable()).isTrue());
            }
        }
    }

    /** A loopback server that misbehaves in one way, counting the connections it accepted and still has open. */
    static final class BadServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Misbehaviour mode;
        private final Side side;
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        BadServer(Misbehaviour mode, Side side) throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.mode = mode;
            this.side = side;
            this.acceptor = new Thread(this::accept, "bad-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int open() {
            return open.get();
        }

        int accepted() {
            return accepted.get();
        }

        void awaitAllClosed(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (open.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.incrementAndGet();
                    open.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "bad-server-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                Function<String, Boolean> say = line -> {
                    try {
                        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                };
                switch (mode) {
                    case STALL -> drain(in);
                    case RESET_MID_GREETING -> {
                        out.write((side == Side.SMTP ? "220 mx.mssan" : "* OK [CAPAB").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        s.setSoLinger(true, 0); // close() now sends a reset
                    }
                    case GARBAGE_GREETING -> {
                        say.apply("HTTP/1.1 400 Bad Request");
                        say.apply("\u0000\u0001\u00ff garbage");
                        drain(in);
                    }
                    case STARTTLS_REFUSED, STALL_AFTER_STARTTLS -> converse(in, say, mode == Misbehaviour.STALL_AFTER_STARTTLS);
                    default -> throw new IllegalStateException();
                }
            } catch (IOException ignored) {
                // the client went away
            } finally {
                open.decrementAndGet();
            }
        }

        private void converse(InputStream in, Function<String, Boolean> say, boolean offerThenStall)
                throws IOException {
            if (side == Side.SMTP) {
                say.apply("220 mx.mssante.test ESMTP");
            } else {
                say.apply("* OK [CAPABILITY IMAP4rev1" + (offerThenStall ? " STARTTLS" : "") + "] ready");
            }
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (side == Side.SMTP) {
                    if (upper.startsWith("EHLO")) {
                        if (offerThenStall) {
                            say.apply("250-mx.mssante.test");
                            say.apply("250 STARTTLS");
                        } else {
                            say.apply("250 mx.mssante.test");
                        }
                    } else if (upper.startsWith("STARTTLS")) {
                        if (offerThenStall) {
                            drain(in);
                            return;
                        }
                        say.apply("454 4.7.0 TLS not available");
                    } else if (upper.startsWith("QUIT")) {
                        say.apply("221 bye");
                        return;
                    } else {
                        say.apply("530 5.7.0 Must issue a STARTTLS command first");
                    }
                } else {
                    String tag = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
                    if (upper.contains("CAPABILITY")) {
                        say.apply("* CAPABILITY IMAP4rev1" + (offerThenStall ? " STARTTLS" : ""));
                        say.apply(tag + " OK done");
                    } else if (upper.contains("STARTTLS")) {
                        if (offerThenStall) {
                            drain(in);
                            return;
                        }
                        say.apply(tag + " NO TLS not available");
                    } else if (upper.contains("LOGOUT")) {
                        say.apply("* BYE");
                        say.apply(tag + " OK bye");
                        return;
                    } else {
                        say.apply(tag + " BAD not now");
                    }
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    return b.toString().strip();
                }
                b.append((char) c);
            }
            return b.length() == 0 ? null : b.toString();
        }

        private static void drain(InputStream in) throws IOException {
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // until the client closes
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
