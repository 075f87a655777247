package io.segursdk.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The test's own TCP proxy between an SMTP client and the operator's SMTPS port, terminating TLS on both sides (the
 * client trusts the test PKI's certificate for localhost) so that it can see the SMTP exchange. Armed with a
 * {@link Cut}, it cuts the next connection that ends a message's data:
 * <ul>
 *   <li>{@link Cut#BEFORE_END_OF_DATA}: the message's final {@code "."} is never forwarded: the server drops the
 *       message;</li>
 *   <li>{@link Cut#AFTER_END_OF_DATA}: the {@code "."} is forwarded, the server's reply (250, message queued) is read
 *       and swallowed, then both connections are cut: the server delivers, the client never learns it.</li>
 * </ul>
 * Other connections are relayed untouched.
 */
final class SmtpCutProxy implements AutoCloseable {

    enum Cut { BEFORE_END_OF_DATA, AFTER_END_OF_DATA }

    private final ServerSocket server;
    private final SSLContext downstreamTls;
    private final SSLContext upstreamTls;
    private final int upstreamPort;
    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private final Thread acceptor;
    private volatile Runnable onCut = () -> { };
    private volatile boolean cut;

    SmtpCutProxy(SSLContext downstreamTls, SSLContext upstreamTls, int upstreamPort) throws IOException {
        this.downstreamTls = downstreamTls;
        this.upstreamTls = upstreamTls;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "smtp-cut-proxy");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Cuts the next message's connection as said, then runs {@code onCut} (for example to kill the process). */
    void arm(Cut how, Runnable onCut) {
        this.onCut = onCut;
        this.cut = false;
        armed.set(how);
    }

    boolean hasCut() {
        return cut;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket plain = server.accept();
                SSLSocket client = (SSLSocket) downstreamTls.getSocketFactory().createSocket(plain, "localhost",
                        plain.getPort(), true);
                client.setUseClientMode(false);
                Thread t = new Thread(() -> relay(client), "smtp-cut-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(SSLSocket client) {
        try (client; SSLSocket upstream = (SSLSocket) upstreamTls.getSocketFactory().createSocket("localhost",
                upstreamPort)) {
            upstream.startHandshake();
            Connection c = new Connection(client, upstream);
            Thread back = new Thread(c::serverToClient, "smtp-cut-proxy-back");
            back.setDaemon(true);
            back.start();
            c.clientToServer();
            back.join();
        } catch (IOException | InterruptedException e) {
            // a cut or a closed peer ends the relay
        }
    }

    private final class Connection {
        final Socket client;
        final Socket upstream;
        volatile boolean swallow;
        volatile Runnable afterSwallow;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void clientToServer() {
            byte[] buf = new byte[8192];
            int prev2 = -1;
            int prev1 = -1;
            boolean heldDot = false;
            byte[] tail = new byte[5];
            int tailLen = 0;
            try {
                InputStream in = client.getInputStream();
                OutputStream out = upstream.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    ByteArrayOutputStream chunk = new ByteArrayOutputStream(n + 1);
                    Cut how = armed.get();
                    for (int i = 0; i < n; i++) {
                        int b = buf[i] & 0xff;
                        if (how == Cut.BEFORE_END_OF_DATA) {
                            if (heldDot) {
                                heldDot = false;
                                if (b == '\r' && armed.compareAndSet(how, null)) {
                                    out.write(chunk.toByteArray());
                                    out.flush();
                                    cutNow(); // the final "." never reaches the server
                                    return;
                                }
                                chunk.write('.');
                            } else if (b == '.' && prev1 == '\n' && prev2 == '\r') {
                                heldDot = true;
                                prev2 = prev1;
                                prev1 = b;
                                continue;
                            }
                        }
                        chunk.write(b);
                        System.arraycopy(tail, 1, tail, 0, 4);
                        tail[4] = (byte) b;
                        tailLen = Math.min(5, tailLen + 1);
                        if (how == Cut.AFTER_END_OF_DATA && tailLen == 5 && tail[0] == '\r' && tail[1] == '\n'
                                && tail[2] == '.' && tail[3] == '\r' && tail[4] == '\n'
                                && armed.compareAndSet(how, null)) {
                            swallow = true; // set before the "." leaves: the server's reply to it is not forwarded
                        }
                        prev2 = prev1;
                        prev1 = b;
                    }
                    out.write(chunk.toByteArray());
                    out.flush();
                }
            } catch (IOException e) {
                // peer closed or cut
            } finally {
                closeQuietly(upstream);
            }
        }

        void serverToClient() {
            byte[] buf = new byte[8192];
            try {
                InputStream in = upstream.getInputStream();
                OutputStream out = client.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (swallow) {
                        cutNow(); // the server answered the "." (the message is queued); the client never hears it
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // peer closed or cut
            } finally {
                closeQuietly(client);
            }
        }

        private void cutNow() {
            // The process dies first, then its connection drops: closing first would let the client record the
            // failure before the kill, which is another step than the one under test.
            cut = true;
            onCut.run();
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
