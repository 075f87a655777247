package io.segursdk.testkit.pki;

import io.segursdk.testkit.internal.pki.Pem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain issued by a {@link TestPki}, with the conversions tests need to hand it
 * to the code under test: a PKCS#12 key store (in memory, as bytes or as a file) or PEM text. Immutable and
 * thread-safe.
 *
 * <p>The PKCS#12 forms hold one key entry under the alias {@link #ALIAS}, with the full chain (leaf, intermediate
 * CA, root CA), protected by the given password.
 */
public final class IssuedCredential {

    /** Alias of the key entry in the key stores produced by this class. */
    public static final String ALIAS = "segur-testkit";

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    IssuedCredential(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
    }

    /**
     * The private key (RSA 2048).
     *
     * @return the private key
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The issued (leaf) certificate.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * The certificate chain: the leaf, its intermediate CA, the root CA.
     *
     * @return an unmodifiable list, leaf first
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * A new in-memory PKCS#12 key store with one key entry ({@link #ALIAS}) holding the key and the chain.
     *
     * @param password protects the store and the key entry
     * @return a loaded key store
     */
    public KeyStore toKeyStore(char[] password) {
        Objects.requireNonNull(password, "password");
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, privateKey, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build PKCS#12 key store", e);
        }
    }

    /**
     * The PKCS#12 key store of {@link #toKeyStore(char[])}, encoded.
     *
     * @param password protects the store and the key entry
     * @return the PKCS#12 bytes
     */
    public byte[] toPkcs12(char[] password) {
        KeyStore ks = toKeyStore(password);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ks.store(out, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encode PKCS#12 key store", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the PKCS#12 key store of {@link #toKeyStore(char[])} to a file (created or replaced).
     *
     * @param file the target file; its parent directory must exist
     * @param password protects the store and the key entry
     * @return {@code file}
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path writePkcs12(Path file, char[] password) {
        try {
            return Files.write(file, toPkcs12(password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The leaf certificate in PEM form.
     *
     * @return {@code -----BEGIN CERTIFICATE-----} text
     */
    public String certificatePem() {
        return Pem.certificate(certificate());
    }

    /**
     * The whole chain in PEM form, leaf first.
     *
     * @return concatenated {@code -----BEGIN CERTIFICATE-----} blocks
     */
    public String chainPem() {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(Pem.certificate(c));
        }
        return sb.toString();
    }

    /**
     * The private key in unencrypted PKCS#8 PEM form.
     *
     * @return {@code -----BEGIN PRIVATE KEY-----} text
     */
    public String privateKeyPem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    @Override
    public String toString() {
        return "IssuedCredential[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
