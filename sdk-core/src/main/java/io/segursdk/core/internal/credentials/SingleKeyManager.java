package io.segursdk.core.internal.credentials;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one key as the TLS client identity, whatever issuers the server asks for: the vendor chose the credential.
 * Works for sockets and engines alike (java.net.http uses engines).
 */
public final class SingleKeyManager extends X509ExtendedKeyManager {

    private final String alias;
    private final PrivateKey key;
    private final X509Certificate[] chain;

    /**
     * @param alias the alias reported to JSSE
     * @param key   the private key (or a PKCS#11 handle)
     * @param chain the chain, end-entity first
     */
    public SingleKeyManager(String alias, PrivateKey key, X509Certificate[] chain) {
        this.alias = alias;
        this.key = key;
        this.chain = chain.clone();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keyType.equals(key.getAlgorithm()) ? new String[] {alias} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return keyTypes == null || Arrays.asList(keyTypes).contains(key.getAlgorithm()) ? alias : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String a) {
        return alias.equals(a) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String a) {
        return alias.equals(a) ? key : null;
    }
}
