package io.segursdk.cardreader.internal;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The few PKCS#11 calls SunPKCS11 does not expose: listing slots, reading slot and token information (label, serial,
 * PIN flags) and telling whether the process is already logged in to a token.
 *
 * <p>Why a native binding (JNA) rather than SunPKCS11 alone: SunPKCS11 has no public API for the slot list or the
 * token label ({@code tokenLabel} is not one of its configuration keywords, and its own wrapper
 * {@code sun.security.pkcs11.wrapper} is not exported by the JDK, so using it would force every vendor to add
 * {@code --add-exports} to their JVM). Probing {@code slotListIndex} 0..n with throw-away providers cannot read labels
 * either. The calls here are the exported {@code C_*} entry points every PKCS#11 library has; they share the library's
 * state with SunPKCS11 (same loaded module), so this class never calls {@code C_Finalize}, and treats
 * {@code CKR_CRYPTOKI_ALREADY_INITIALIZED} as success.
 *
 * <p>Structures are read by offset: the first fields of {@code CK_SLOT_INFO} and {@code CK_TOKEN_INFO} are byte arrays
 * whose sizes add up to a multiple of 8, so {@code flags} lands at the same offset with the Windows 1-byte packing
 * and the Unix natural alignment.
 */
public final class Pkcs11Native {

    /** CKR_OK. */
    public static final long CKR_OK = 0x0L;
    /** CKR_SLOT_ID_INVALID. */
    public static final long CKR_SLOT_ID_INVALID = 0x3L;
    /** CKR_DEVICE_REMOVED. */
    public static final long CKR_DEVICE_REMOVED = 0x32L;
    /** CKR_TOKEN_NOT_PRESENT. */
    public static final long CKR_TOKEN_NOT_PRESENT = 0xE0L;
    /** CKR_CRYPTOKI_ALREADY_INITIALIZED. */
    public static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191L;

    /** CK_SLOT_INFO flag: a token is in the slot. */
    public static final long CKF_TOKEN_PRESENT = 0x1L;
    /** CK_TOKEN_INFO flag: a protected authentication path (PIN pad) exists. */
    public static final long CKF_PROTECTED_AUTHENTICATION_PATH = 0x100L;
    /** CK_TOKEN_INFO flag: the token is initialised. */
    public static final long CKF_TOKEN_INITIALIZED = 0x400L;
    /** CK_TOKEN_INFO flag: a wrong user PIN was entered at least once since the last successful login. */
    public static final long CKF_USER_PIN_COUNT_LOW = 0x10000L;
    /** CK_TOKEN_INFO flag: one more wrong user PIN blocks the token. */
    public static final long CKF_USER_PIN_FINAL_TRY = 0x20000L;
    /** CK_TOKEN_INFO flag: the user PIN is blocked. */
    public static final long CKF_USER_PIN_LOCKED = 0x40000L;

    private static final long CKF_OS_LOCKING_OK = 0x2L;
    private static final long CKF_SERIAL_SESSION = 0x4L;
    private static final long CKS_RO_USER_FUNCTIONS = 1L;
    private static final long CKS_RW_USER_FUNCTIONS = 3L;
    private static final long CKR_BUFFER_TOO_SMALL = 0x150L;

    private final NativeLibrary library;

    private Pkcs11Native(NativeLibrary library) {
        this.library = library;
    }

    /**
     * Loads the library (or reuses it when already loaded) and initialises it for multi-threaded use.
     *
     * @param path the PKCS#11 module, which must exist
     * @return the binding
     * @throws Pkcs11CallException when C_Initialize fails
     * @throws UnsatisfiedLinkError when the file is not a loadable library for this platform
     */
    public static Pkcs11Native load(Path path) {
        NativeLibrary lib = NativeLibrary.getInstance(path.toAbsolutePath().toString());
        Pkcs11Native binding = new Pkcs11Native(lib);
        binding.initialize();
        return binding;
    }

    private void initialize() {
        // CK_C_INITIALIZE_ARGS: 4 function pointers, CK_FLAGS flags, void* pReserved. Zeroed = no callbacks.
        Memory args = new Memory(Native.POINTER_SIZE * 4L + 16L + Native.POINTER_SIZE);
        args.clear();
        args.setNativeLong(Native.POINTER_SIZE * 4L, new NativeLong(CKF_OS_LOCKING_OK));
        long rv = call("C_Initialize", args);
        if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            throw new Pkcs11CallException("C_Initialize", rv);
        }
    }

    /**
     * Lists every slot, in the library's order (the order SunPKCS11's {@code slotListIndex} follows).
     *
     * @return the slots
     */
    public List<SlotData> slots() {
        Memory count = new Memory(NativeLong.SIZE);
        count.setNativeLong(0, new NativeLong(0));
        check("C_GetSlotList", call("C_GetSlotList", (byte) 0, Pointer.NULL, count));
        long n = unsigned(count.getNativeLong(0));
        long[] ids = new long[0];
        for (int attempt = 0; attempt < 3; attempt++) {
            Memory list = new Memory(Math.max(1, n) * NativeLong.SIZE);
            count.setNativeLong(0, new NativeLong(n));
            long rv = call("C_GetSlotList", (byte) 0, list, count);
            if (rv == CKR_BUFFER_TOO_SMALL) {
                n = unsigned(count.getNativeLong(0));
                continue;
            }
            check("C_GetSlotList", rv);
            n = unsigned(count.getNativeLong(0));
            ids = new long[(int) n];
            for (int i = 0; i < n; i++) {
                ids[i] = unsigned(list.getNativeLong((long) i * NativeLong.SIZE));
            }
            break;
        }
        List<SlotData> slots = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            slots.add(slot(ids[i], i));
        }
        return slots;
    }

    private SlotData slot(long id, int index) {
        Memory info = new Memory(256);
        info.clear();
        check("C_GetSlotInfo", call("C_GetSlotInfo", new NativeLong(id), info));
        String description = text(info, 0, 64);
        long slotFlags = unsigned(info.getNativeLong(96));
        if ((slotFlags & CKF_TOKEN_PRESENT) == 0) {
            return new SlotData(id, index, description, false, null, null, 0);
        }
        Memory token = new Memory(512);
        token.clear();
        long rv = call("C_GetTokenInfo", new NativeLong(id), token);
        if (rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_DEVICE_REMOVED) {
            return new SlotData(id, index, description, false, null, null, 0);
        }
        check("C_GetTokenInfo", rv);
        return new SlotData(id, index, description, true, text(token, 0, 32), text(token, 80, 16),
                unsigned(token.getNativeLong(96)));
    }

    /**
     * Reads the token flags again (they change after a failed login).
     *
     * @param slotId the slot
     * @return the CK_TOKEN_INFO flags
     * @throws Pkcs11CallException when the token cannot be read
     */
    public long tokenFlags(long slotId) {
        Memory token = new Memory(512);
        token.clear();
        check("C_GetTokenInfo", call("C_GetTokenInfo", new NativeLong(slotId), token));
        return unsigned(token.getNativeLong(96));
    }

    /**
     * Tells whether this process is logged in to the token as its user (login state is per token and process in
     * PKCS#11: every session of the process shares it).
     *
     * @param slotId the slot
     * @return whether a user login is active
     * @throws Pkcs11CallException when no session can be opened
     */
    public boolean userLoggedIn(long slotId) {
        Memory handle = new Memory(NativeLong.SIZE);
        handle.setNativeLong(0, new NativeLong(0));
        check("C_OpenSession", call("C_OpenSession", new NativeLong(slotId), new NativeLong(CKF_SERIAL_SESSION),
                Pointer.NULL, Pointer.NULL, handle));
        NativeLong session = handle.getNativeLong(0);
        try {
            Memory info = new Memory(NativeLong.SIZE * 4L);
            info.clear();
            check("C_GetSessionInfo", call("C_GetSessionInfo", session, info));
            long state = unsigned(info.getNativeLong(NativeLong.SIZE));
            return state == CKS_RO_USER_FUNCTIONS || state == CKS_RW_USER_FUNCTIONS;
        } finally {
            call("C_CloseSession", session);
        }
    }

    private long call(String name, Object... args) {
        Function f = library.getFunction(name);
        NativeLong rv = (NativeLong) f.invoke(NativeLong.class, args);
        return unsigned(rv);
    }

    private static void check(String function, long rv) {
        if (rv != CKR_OK) {
            throw new Pkcs11CallException(function, rv);
        }
    }

    private static long unsigned(NativeLong value) {
        long v = value.longValue();
        return NativeLong.SIZE == 4 ? v & 0xFFFF_FFFFL : v;
    }

    private static String text(Pointer p, long offset, int length) {
        byte[] bytes = p.getByteArray(offset, length);
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    /**
     * What C_GetSlotInfo and C_GetTokenInfo tell about one slot.
     *
     * @param slotId       the slot id
     * @param index        the slot's position in the slot list
     * @param description  the slot (reader) description
     * @param tokenPresent whether a token is in the slot
     * @param label        the token label, or {@code null} without a token
     * @param serial       the token serial number, or {@code null} without a token
     * @param tokenFlags   the CK_TOKEN_INFO flags, 0 without a token
     */
    public record SlotData(long slotId, int index, String description, boolean tokenPresent, String label,
                           String serial, long tokenFlags) {
    }

    /** A PKCS#11 function returned an error code. */
    public static final class Pkcs11CallException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long code;

        /**
         * @param function the function
         * @param code     the CK_RV
         */
        public Pkcs11CallException(String function, long code) {
            super(function + " returned " + Pkcs11Errors.name(code));
            this.code = code;
        }

        /** @return the CK_RV */
        public long code() {
            return code;
        }
    }
}
