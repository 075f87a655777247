package io.segursdk.mssante.internal;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * An SSL socket factory applying fixed parameters (protocols, cipher suites, hostname verification) to every socket
 * it makes, including the STARTTLS layering over an open socket.
 */
public final class ConfiguredSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final SSLParameters parameters;

    /**
     * @param delegate   the context's factory
     * @param parameters the parameters to apply
     */
    public ConfiguredSocketFactory(SSLSocketFactory delegate, SSLParameters parameters) {
        this.delegate = delegate;
        this.parameters = parameters;
    }

    private Socket configure(Socket s) {
        if (s instanceof SSLSocket ssl) {
            ssl.setSSLParameters(parameters);
        }
        return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return parameters.getCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return configure(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return configure(delegate.createSocket(s, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }
}
