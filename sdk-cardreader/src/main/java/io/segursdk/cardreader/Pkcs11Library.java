package io.segursdk.cardreader;

import io.segursdk.cardreader.internal.CardSession;
import io.segursdk.cardreader.internal.CryptolibPaths;
import io.segursdk.cardreader.internal.Pkcs11Errors;
import io.segursdk.cardreader.internal.Pkcs11Native;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PKCS#11 library: the Cryptolib CPS that reads CPS and CPE cards, or any other module (SoftHSM2 in tests).
 *
 * <pre>{@code
 * Pkcs11Library cryptolib = Pkcs11Library.cryptolibCps();              // the installer's default path for this OS
 * Pkcs11Library custom = Pkcs11Library.at(Path.of("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so"));
 * try (CpsCard card = cryptolib.open(TokenSelector.firstPresent(), pin)) { ... }
 * }</pre>
 *
 * <p>Default locations: Windows {@code %SystemRoot%\System32\cps3_pkcs11_w64.dll} ({@code _w32.dll} in a 32-bit
 * JVM); Linux {@code /opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so}, else {@code /usr/lib64/libcps3_pkcs11_lux.so};
 * macOS {@code /usr/local/lib/libcps3_pkcs11_osx.dylib}.
 *
 * <p>Slots and token labels are read with the library's own {@code C_GetSlotList}, {@code C_GetSlotInfo} and
 * {@code C_GetTokenInfo}, through JNA: SunPKCS11 offers no public way to list slots or read labels, and its internal
 * wrapper would require {@code --add-exports} flags on every vendor's JVM. Keys, certificates and signatures go
 * through SunPKCS11, one instance per open card, so several cards (and several libraries) can be open at once
 * without sharing state.
 *
 * <p>Immutable and thread-safe. Nothing is loaded until {@link #slots()} or {@link #open} is called; the library file
 * is checked first, so a missing Cryptolib is reported clearly rather than by the native loader.
 */
public final class Pkcs11Library {

    private final Path path;

    private Pkcs11Library(Path path) {
        this.path = path;
    }

    /**
     * @param path the PKCS#11 module file
     * @return the library at that path (not loaded yet)
     */
    public static Pkcs11Library at(Path path) {
        return new Pkcs11Library(Objects.requireNonNull(path, "path").toAbsolutePath());
    }

    /**
     * The Cryptolib CPS at its installer's default location for this operating system: the first candidate that
     * exists, or the first candidate when none does (so that the error names where it was expected).
     *
     * @return the library
     */
    public static Pkcs11Library cryptolibCps() {
        List<Path> candidates = CryptolibPaths.candidates(System.getProperty("os.name"),
                System.getProperty("sun.arch.data.model"), System.getenv("SystemRoot"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return new Pkcs11Library(candidate);
            }
        }
        return new Pkcs11Library(candidates.get(0));
    }

    /** @return the module's path */
    public Path path() {
        return path;
    }

    /**
     * Lists the library's slots (readers) and the tokens (cards) in them. No PIN is needed.
     *
     * @return the slots, in the library's order
     * @throws CardLibraryException when the library is missing or cannot be loaded
     */
    public List<Pkcs11Slot> slots() {
        List<Pkcs11Slot> slots = new ArrayList<>();
        for (Pkcs11Native.SlotData s : listSlots(binding())) {
            slots.add(toSlot(s));
        }
        return List.copyOf(slots);
    }

    /**
     * Opens a card: selects its token, logs in with the PIN and reads its certificates.
     *
     * @param selector which token
     * @param pin      the card holder's PIN ("code porteur"); <strong>overwritten with zeros before this method
     *                 returns</strong>, whether it succeeds or not
     * @return the open card; close it when done
     * @throws CardLibraryException      when the library is missing or cannot be loaded
     * @throws TokenNotFoundException    when no token matches
     * @throws WrongPinException         when the PIN is wrong
     * @throws CardBlockedException      when the PIN is blocked
     * @throws CardAlreadyOpenException  when this process already has the card open
     * @throws CardRemovedException      when the card leaves its reader while being opened
     */
    public CpsCard open(TokenSelector selector, char[] pin) {
        Objects.requireNonNull(selector, "selector");
        try {
            Objects.requireNonNull(pin, "pin");
            Pkcs11Native binding = binding();
            Pkcs11Native.SlotData slot = CardSession.select(listSlots(binding), selector.toString(),
                    s -> selector.matches(toSlot(s)));
            return new CpsCard(CardSession.open(path, binding, slot, pin));
        } finally {
            if (pin != null) {
                java.util.Arrays.fill(pin, '\0');
            }
        }
    }

    private Pkcs11Native binding() {
        if (!Files.isRegularFile(path)) {
            throw new CardLibraryException("PKCS#11 library not found: " + path
                    + " (install the Cryptolib CPS, or give its path with Pkcs11Library.at)", path, null);
        }
        try {
            return Pkcs11Native.load(path);
        } catch (UnsatisfiedLinkError e) {
            throw new CardLibraryException("Cannot load the PKCS#11 library " + path
                    + " (not a library for this platform and JVM bitness?): " + e.getMessage(), path, e);
        } catch (Pkcs11Native.Pkcs11CallException e) {
            throw new CardLibraryException("The PKCS#11 library " + path + " failed to initialise: "
                    + e.getMessage(), path, e);
        }
    }

    private List<Pkcs11Native.SlotData> listSlots(Pkcs11Native binding) {
        try {
            return binding.slots();
        } catch (Pkcs11Native.Pkcs11CallException e) {
            throw Pkcs11Errors.translate("Listing the slots of " + path, e, Optional.empty());
        }
    }

    private static Pkcs11Slot toSlot(Pkcs11Native.SlotData s) {
        long f = s.tokenFlags();
        return new Pkcs11Slot(s.slotId(), s.description(), s.tokenPresent(), Optional.ofNullable(s.label()),
                Optional.ofNullable(s.serial()), (f & Pkcs11Native.CKF_PROTECTED_AUTHENTICATION_PATH) != 0,
                (f & Pkcs11Native.CKF_USER_PIN_LOCKED) != 0, (f & Pkcs11Native.CKF_USER_PIN_FINAL_TRY) != 0);
    }

    @Override
    public String toString() {
        return "Pkcs11Library[" + path + "]";
    }
}
