package io.segursdk.core.credentials;

import io.segursdk.core.error.InvalidRequestException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SigningCredential} held in software: an IGC-Santé organisation certificate (INSI-AUTO, DMP signature and
 * TLS client certificates, applicative MSSanté mailbox) delivered as a PKCS#12 file.
 *
 * <pre>{@code
 * SigningCredential org = SoftwareCredential.fromPkcs12(Path.of("insi-auto.p12"), password);
 * }</pre>
 *
 * <p>Passwords are taken as {@code char[]} and never kept: the caller may wipe them as soon as the method returns.
 */
public final class SoftwareCredential implements SigningCredential {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private SoftwareCredential(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
    }

    /**
     * Builds a credential from a key and its chain already in memory.
     *
     * @param privateKey the private key
     * @param chain      the certificate chain, end-entity first
     * @return the credential
     */
    public static SoftwareCredential of(PrivateKey privateKey, List<X509Certificate> chain) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain == null || chain.isEmpty()) {
            throw InvalidRequestException.of("chain", "must hold at least the end-entity certificate");
        }
        return new SoftwareCredential("credential", privateKey, chain);
    }

    /**
     * Loads the only key entry of a PKCS#12 file.
     *
     * @param file     the PKCS#12 file
     * @param password its password; not kept
     * @return the credential
     * @throws InvalidRequestException when the file cannot be read, the password is wrong, or the file holds no key
     *                                 entry or several
     */
    public static SoftwareCredential fromPkcs12(Path file, char[] password) {
        return fromPkcs12(file, password, null);
    }

    /**
     * Loads one key entry of a PKCS#12 file.
     *
     * @param file     the PKCS#12 file
     * @param password its password (the same protects the key); not kept
     * @param alias    the entry's alias, or {@code null} when the file holds one key entry
     * @return the credential
     * @throws InvalidRequestException when the file cannot be read, the password is wrong, or the entry is missing
     */
    public static SoftwareCredential fromPkcs12(Path file, char[] password, String alias) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return fromPkcs12(in, password, alias);
        } catch (IOException e) {
            throw InvalidRequestException.of("pkcs12", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Loads one key entry of a PKCS#12 stream. The stream is read, not closed.
     *
     * @param in       the PKCS#12 bytes
     * @param password its password; not kept
     * @param alias    the entry's alias, or {@code null} when the stream holds one key entry
     * @return the credential
     * @throws InvalidRequestException when the bytes cannot be read, the password is wrong, or the entry is missing
     */
    public static SoftwareCredential fromPkcs12(InputStream in, char[] password, String alias) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(password, "password");
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw InvalidRequestException.of("pkcs12", "wrong password");
            }
            throw InvalidRequestException.of("pkcs12", "not a readable PKCS#12 keystore: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw InvalidRequestException.of("pkcs12", "not a readable PKCS#12 keystore: " + e.getMessage());
        }
        return fromKeyStore(store, password, alias);
    }

    /**
     * Takes one key entry of a loaded key store (any type).
     *
     * @param store       the key store
     * @param keyPassword the key's password; not kept
     * @param alias       the entry's alias, or {@code null} when the store holds one key entry
     * @return the credential
     * @throws InvalidRequestException when the entry is missing or unreadable
     */
    public static SoftwareCredential fromKeyStore(KeyStore store, char[] keyPassword, String alias) {
        try {
            String chosen = alias;
            if (chosen == null) {
                List<String> keys = new ArrayList<>();
                for (String a : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(a)) {
                        keys.add(a);
                    }
                }
                if (keys.size() != 1) {
                    throw InvalidRequestException.of("alias", keys.isEmpty()
                            ? "the key store holds no private key entry"
                            : "the key store holds several key entries " + keys + ": name one");
                }
                chosen = keys.get(0);
            }
            if (!store.isKeyEntry(chosen)) {
                throw InvalidRequestException.of("alias", "no private key entry named '" + chosen + "'");
            }
            PrivateKey key = (PrivateKey) store.getKey(chosen, keyPassword);
            Certificate[] certs = store.getCertificateChain(chosen);
            if (certs == null || certs.length == 0) {
                throw InvalidRequestException.of("alias", "entry '" + chosen + "' has no certificate chain");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs) {
                chain.add((X509Certificate) c);
            }
            return new SoftwareCredential(chosen, key, chain);
        } catch (UnrecoverableKeyException e) {
            throw InvalidRequestException.of("pkcs12", "wrong key password");
        } catch (GeneralSecurityException e) {
            throw InvalidRequestException.of("keystore", "cannot read the key entry: " + e.getMessage());
        }
    }

    @Override
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public Optional<Provider> provider() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "SoftwareCredential[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
