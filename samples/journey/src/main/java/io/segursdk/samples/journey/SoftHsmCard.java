package io.segursdk.samples.journey;

import io.segursdk.cardreader.Pkcs11Library;
import io.segursdk.testkit.pki.IssuedCredential;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A test CPS on SoftHSM2, private to the journey: the token lives in the directory of the SoftHSM2 configuration file
 * named by {@code SOFTHSM2_CONF} (the Maven runs set it under {@code target/}), which the PKCS#11 module reads when
 * it is loaded. Nothing system-wide is read or changed; the journey never sets that variable itself.
 *
 * <p>SoftHSM2 reads its token directory once per process, when the module is first initialised: the token is
 * created once per process and configuration (with a random PIN), and each journey imports fresh credentials into
 * it, replacing the previous run's.
 */
final class SoftHsmCard {

    static final String AUTH_LABEL = "Certificat d'Authentification CPS";
    static final String SIGN_LABEL = "Certificat de Signature CPS";
    private static final String HINT = "install the Debian package softhsm2, and run the journey with SOFTHSM2_CONF"
            + " naming a private configuration file (the Maven runs set target/softhsm-journey/softhsm2.conf)";

    /** Token created in this process, per configuration file: SoftHSM2 will not see a token created later. */
    private static final Map<Path, SoftHsmCard> CREATED = new ConcurrentHashMap<>();

    final Path library;
    final String label;
    private final char[] pin;
    /** The provider that imports credentials: one per token, PKCS#11 login state being per token and process. */
    private Provider importer;

    private SoftHsmCard(Path library, String label, char[] pin) {
        this.library = library;
        this.label = label;
        this.pin = pin;
    }

    /** @return why a SoftHSM2 card cannot be used here, or empty when it can */
    static Optional<String> unavailable() {
        if (util() == null || library() == null) {
            return Optional.of("SoftHSM2 is not installed: " + HINT);
        }
        if (System.getenv("SOFTHSM2_CONF") == null) {
            return Optional.of("SOFTHSM2_CONF is not set: " + HINT);
        }
        return Optional.empty();
    }

    /**
     * @return the journey's token for this process, created on first use
     * @throws IllegalStateException when SoftHSM2 cannot be used (see {@link #unavailable()})
     */
    static SoftHsmCard get() {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Path conf = Path.of(System.getenv("SOFTHSM2_CONF")).toAbsolutePath();
        return CREATED.computeIfAbsent(conf, SoftHsmCard::create);
    }

    private static SoftHsmCard create(Path conf) {
        try {
            if (!Files.exists(conf)) {
                Path tokens = conf.resolveSibling("tokens");
                Files.createDirectories(tokens);
                Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                        + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
            }
            SecureRandom random = new SecureRandom();
            String label = "JOURNEY-CPS-" + Long.toHexString(random.nextLong() & 0xffffffffL);
            char[] pin = String.format("%04d", random.nextInt(10_000)).toCharArray();
            String soPin = String.format("%08d", random.nextInt(100_000_000));
            run(util(), "--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", new String(pin));
            return new SoftHsmCard(library(), label, pin);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the SoftHSM2 token: " + e.getMessage(), e);
        }
    }

    /** Puts the professional's two CPS credentials on the token, replacing those of an earlier run. */
    synchronized void importCredentials(IssuedCredential authentication, IssuedCredential signature) {
        if (importer == null) {
            importer = importProvider();
        }
        Provider p = importer;
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", p);
            store.load(null, pin.clone());
            for (String alias : List.of(AUTH_LABEL, SIGN_LABEL)) {
                if (store.containsAlias(alias)) {
                    store.deleteEntry(alias);
                }
            }
            store.setKeyEntry(AUTH_LABEL, authentication.privateKey(), null,
                    authentication.chain().toArray(new X509Certificate[0]));
            store.setKeyEntry(SIGN_LABEL, signature.privateKey(), null,
                    signature.chain().toArray(new X509Certificate[0]));
            ((AuthProvider) p).logout();   // the card is then opened, and its PIN checked, by sdk-cardreader
        } catch (Exception e) {
            StringBuilder why = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                why.append(" / ").append(t);
            }
            throw new IllegalStateException("cannot import the test credentials into the SoftHSM2 token" + why, e);
        }
    }

    private Provider importProvider() {
        long slot = Pkcs11Library.at(library).slots().stream()
                .filter(s -> s.tokenLabel().map(label::equals).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("token " + label + " not found"))
                .slotId();
        return Security.getProvider("SunPKCS11").configure(
                "--name=JourneyImport" + Math.abs(label.hashCode()) + "\nlibrary=" + library + "\nslot=" + slot + "\n");
    }

    /** @return a copy of the token's PIN (sdk-cardreader clears the array it is given) */
    char[] pin() {
        return pin.clone();
    }

    Pkcs11Library pkcs11() {
        return Pkcs11Library.at(library);
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("softhsm2-util " + command[1] + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String util() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "softhsm2-util");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static Path library() {
        return List.of("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so",
                        "/usr/lib64/pkcs11/libsofthsm2.so").stream()
                .map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
    }
}
