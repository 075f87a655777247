package io.segursdk.cardreader.internal;

import io.segursdk.cardreader.CardAlreadyOpenException;
import io.segursdk.cardreader.CardBlockedException;
import io.segursdk.cardreader.CardCertificate;
import io.segursdk.cardreader.CardKeyUsage;
import io.segursdk.cardreader.CardLibraryException;
import io.segursdk.cardreader.TokenNotFoundException;
import io.segursdk.core.error.SegurException;

import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in token: its own SunPKCS11 instance (installed through {@link ProviderRegistry}), the entries read from
 * its KeyStore, and the close logic.
 */
public final class CardSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardSession.class);
    private static final long MAX_SUNPKCS11_SLOT = Integer.MAX_VALUE;

    private final Pkcs11Native binding;
    private final long slotId;
    private final String tokenLabel;
    private final Provider provider;
    private final List<CardCertificate> certificates;
    private final List<CardCredential> credentials;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CardSession(Pkcs11Native binding, long slotId, String tokenLabel, Provider provider, KeyStore store)
            throws java.security.GeneralSecurityException {
        this.binding = binding;
        this.slotId = slotId;
        this.tokenLabel = tokenLabel;
        this.provider = provider;
        List<CardCertificate> certs = new ArrayList<>();
        List<CardCredential> creds = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate cert = store.getCertificate(alias);
            if (!(cert instanceof X509Certificate)) {
                continue;
            }
            X509Certificate x509 = (X509Certificate) cert;
            boolean key = store.isKeyEntry(alias);
            certs.add(new CardCertificate(alias, usage(alias, x509), x509, key));
            if (key) {
                List<X509Certificate> chain = new ArrayList<>();
                Certificate[] stored = store.getCertificateChain(alias);
                for (Certificate c : stored == null ? new Certificate[] {x509} : stored) {
                    chain.add((X509Certificate) c);
                }
                creds.add(new CardCredential(this, alias, (PrivateKey) store.getKey(alias, null), chain));
            }
        }
        this.certificates = List.copyOf(certs);
        this.credentials = List.copyOf(creds);
    }

    /**
     * Configures a SunPKCS11 instance on the slot, installs it and logs in.
     *
     * @param library the PKCS#11 library, which exists
     * @param binding the native binding on it
     * @param slot    the slot, holding a token
     * @param pin     the PIN; wiped before this method returns, whatever happens
     * @return the session
     */
    public static CardSession open(Path library, Pkcs11Native binding, Pkcs11Native.SlotData slot, char[] pin) {
        Provider provider = null;
        boolean registered = false;
        try {
            if ((slot.tokenFlags() & Pkcs11Native.CKF_USER_PIN_LOCKED) != 0) {
                throw new CardBlockedException("The card in slot " + slot.slotId()
                        + " is blocked after too many wrong PINs; unblock it with its PUK (CPS-Gestion)", null);
            }
            if (binding.userLoggedIn(slot.slotId())) {
                throw new CardAlreadyOpenException("The card in slot " + slot.slotId() + " is already open in this"
                        + " process, so the PIN cannot be verified; share the open card or close it first");
            }
            provider = configure(library, slot);
            ProviderRegistry.register(provider);
            registered = true;
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            CardSession session = new CardSession(binding, slot.slotId(), slot.label(), provider, store);
            LOG.debug("Opened PKCS#11 slot {} as provider {}", slot.slotId(), provider.getName());
            return session;
        } catch (SegurException e) {
            cleanUp(provider, registered);
            throw e;
        } catch (Exception e) {
            cleanUp(provider, registered);
            throw Pkcs11Errors.translate("Opening the card in slot " + slot.slotId(), e, flags(binding, slot.slotId()));
        } finally {
            if (pin != null) {
                java.util.Arrays.fill(pin, '\0');
            }
        }
    }

    private static Provider configure(Path library, Pkcs11Native.SlotData slot) {
        Provider template = Security.getProvider("SunPKCS11");
        if (template == null) {
            throw new CardLibraryException("This Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki)",
                    library, null);
        }
        StringBuilder config = new StringBuilder("--name=").append(ProviderRegistry.uniqueName()).append('\n')
                .append("library = \"").append(library.toAbsolutePath().toString().replace('\\', '/')).append("\"\n");
        // SunPKCS11 rejects slot ids that do not fit a signed int; the slot's index in the list reaches it too.
        if (slot.slotId() <= MAX_SUNPKCS11_SLOT) {
            config.append("slot = ").append(slot.slotId()).append('\n');
        } else {
            config.append("slotListIndex = ").append(slot.index()).append('\n');
        }
        return template.configure(config.toString());
    }

    private static void cleanUp(Provider provider, boolean registered) {
        if (provider != null) {
            if (provider instanceof AuthProvider) {
                try {
                    ((AuthProvider) provider).logout();
                } catch (Exception e) {
                    LOG.debug("Logout after a failed open: {}", e.toString());
                }
            }
            if (registered) {
                ProviderRegistry.unregister(provider);
            }
        }
    }

    private static Optional<Long> flags(Pkcs11Native binding, long slotId) {
        try {
            return Optional.of(binding.tokenFlags(slotId));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the token flags now, or empty when the token cannot be read (removed) */
    Optional<Long> tokenFlags() {
        return flags(binding, slotId);
    }

    private static CardKeyUsage usage(String label, X509Certificate cert) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains("authentification") || l.contains("authentication")) {
            return CardKeyUsage.AUTHENTICATION;
        }
        if (l.contains("signature")) {
            return CardKeyUsage.SIGNATURE;
        }
        if (cert.getBasicConstraints() >= 0) {
            return CardKeyUsage.OTHER;
        }
        boolean[] ku = cert.getKeyUsage();
        if (ku != null && ku.length > 1 && ku[1]) {
            return CardKeyUsage.SIGNATURE;
        }
        if (ku != null && ku[0]) {
            return CardKeyUsage.AUTHENTICATION;
        }
        return CardKeyUsage.OTHER;
    }

    /** @throws IllegalStateException when closed */
    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the card was closed");
        }
    }

    /** @return this card's SunPKCS11 instance */
    public Provider provider() {
        return provider;
    }

    /** @return the slot id */
    public long slotId() {
        return slotId;
    }

    /** @return the token label */
    public String tokenLabel() {
        return tokenLabel;
    }

    /** @return the certificates on the token */
    public List<CardCertificate> certificates() {
        return certificates;
    }

    /**
     * @param usage the usage
     * @return the first key entry of that usage
     */
    public Optional<CardCredential> credential(CardKeyUsage usage) {
        for (int i = 0; i < certificates.size(); i++) {
            CardCertificate c = certificates.get(i);
            if (c.usage() == usage && c.hasPrivateKey()) {
                return credential(c.label());
            }
        }
        return Optional.empty();
    }

    /**
     * @param label a key entry's label
     * @return its credential
     */
    public Optional<CardCredential> credential(String label) {
        return credentials.stream().filter(c -> c.label().equals(label)).findFirst();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cleanUp(provider, true);
            LOG.debug("Closed PKCS#11 slot {}", slotId);
        }
    }

    /**
     * Finds the token a selector names, failing with the list of what is there.
     *
     * @param slots    the library's slots
     * @param wanted   a description of what is wanted, for the message
     * @param selector whether a slot matches
     * @return the slot
     */
    public static Pkcs11Native.SlotData select(List<Pkcs11Native.SlotData> slots, String wanted,
                                               java.util.function.Predicate<Pkcs11Native.SlotData> selector) {
        for (Pkcs11Native.SlotData s : slots) {
            if (selector.test(s)) {
                return s;
            }
        }
        List<String> present = new ArrayList<>();
        for (Pkcs11Native.SlotData s : slots) {
            present.add("slot " + s.slotId() + (s.tokenPresent() ? " '" + s.label() + "'" : " (no card)"));
        }
        throw new TokenNotFoundException("No " + wanted + " among the PKCS#11 slots " + present, null);
    }
}
