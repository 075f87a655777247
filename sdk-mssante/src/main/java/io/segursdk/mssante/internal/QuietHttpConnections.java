package io.segursdk.mssante.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpClient 5 connections that never show the SDK's traffic to HttpClient's own loggers.
 *
 * <p>HttpClient's default connections copy every byte sent and received to the logger
 * {@code org.apache.hc.client5.http.wire}, and every header (authorisation included) to
 * {@code org.apache.hc.client5.http.headers}, as soon as the application's logging configuration puts them at DEBUG.
 * For the Annuaire Santé those are the API key and the searched names, unredacted. The connections
 * made here bind the socket without HttpClient's logging wrapper and log nothing: whatever the vendor's logging
 * configuration, the SDK's traffic is logged only by the SDK's redacting wire logger. (The same as sdk-core's
 * internal connections: a module's internal packages are its own.)
 */
public final class QuietHttpConnections {

    private QuietHttpConnections() {
    }

    /**
     * @param http1 the HTTP/1.1 settings (buffer sizes)
     * @return a connection factory for {@code PoolingHttpClientConnectionManagerBuilder.setConnectionFactory}
     */
    public static HttpConnectionFactory<ManagedHttpClientConnection> factory(Http1Config http1) {
        Http1Config config = http1 == null ? Http1Config.DEFAULT : http1;
        return socket -> {
            QuietConnection conn = new QuietConnection(config);
            if (socket != null) {
                conn.bind(socket);
            }
            return conn;
        };
    }

    /** A pooled client connection bound to the plain socket holder: no wire or header logging. */
    static final class QuietConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Timeout socketTimeout;

        QuietConnection(Http1Config config) {
            super(config);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(new SocketHolder(socket));
            socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            super.bind(new SocketHolder(sslSocket, socket));
            socketTimeout = Timeout.ofMilliseconds(sslSocket.getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder == null ? null : holder.getSocket();
        }

        @Override
        public SSLSession getSSLSession() {
            Socket socket = getSocket();
            return socket instanceof SSLSocket tls ? tls.getSession() : null;
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                super.close();
            }
        }

        @Override
        public void close(CloseMode mode) {
            if (closed.compareAndSet(false, true)) {
                super.close(mode);
            }
        }
    }
}
