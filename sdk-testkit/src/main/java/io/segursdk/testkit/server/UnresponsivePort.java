package io.segursdk.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where connections never complete, to test connect timeouts: a server socket that never accepts,
 * whose small backlog is filled at once, so that the system drops further connection attempts as a black-holed
 * network would. A port with no listener at all (connection refused) is {@link #refusedUri(String)}.
 *
 * <pre>{@code
 * try (UnresponsivePort port = UnresponsivePort.open()) {
 *     // a client with a 1 s connect timeout, pointed at port.uri("/lps"), fails after about 1 s
 * }
 * }</pre>
 */
public final class UnresponsivePort implements AutoCloseable {

    private static final int FILLERS = 8;

    private final ServerSocket socket;
    private final List<SocketChannel> fillers = new ArrayList<>();

    private UnresponsivePort(ServerSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens the port and fills its backlog.
     *
     * @return the port
     * @throws UncheckedIOException if the port cannot be opened
     */
    public static UnresponsivePort open() {
        try {
            ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            UnresponsivePort port = new UnresponsivePort(s);
            for (int i = 0; i < FILLERS; i++) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()));
                port.fillers.add(c);
            }
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An address on this port.
     *
     * @param path the path
     * @return e.g. {@code https://127.0.0.1:41234/lps}
     */
    public URI uri(String path) {
        return URI.create("https://127.0.0.1:" + socket.getLocalPort() + (path.startsWith("/") ? path : "/" + path));
    }

    /**
     * An address on a loopback port nobody listens on (found free, then released): connecting is refused.
     *
     * @param path the path
     * @return the address
     */
    public static URI refusedUri(String path) {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return URI.create("https://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path));
    }

    /** Closes the port and the connections that filled it. */
    @Override
    public void close() {
        for (SocketChannel c : fillers) {
            try {
                c.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
