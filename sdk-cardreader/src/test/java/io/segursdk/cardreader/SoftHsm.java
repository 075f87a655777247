package io.segursdk.cardreader;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.CpsUsage;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.TestPki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SoftHSM2 tokens standing in for CPS cards, private to the test run (configuration and token files under
 * {@code target/softhsm}, named by {@code SOFTHSM2_CONF}, which Surefire sets).
 *
 * <p>Every token the run needs is created once, before the library is first loaded in this JVM: SoftHSM reads its
 * token directory when initialised. Each token gets an authentication and a signature key pair issued by the
 * {@link TestPki}, under the labels a CPS uses.
 *
 * <p>Without {@code softhsm2-util} on the PATH the tests using it are skipped, except under {@code CI=true}, where they
 * fail: CI must install the Debian package {@code softhsm2}.
 */
final class SoftHsm {

    static final String AUTH_LABEL = "Certificat d'Authentification CPS";
    static final String SIGN_LABEL = "Certificat de Signature CPS";
    static final String SO_PIN = "87654321";

    /** Tokens of the run: label → holder's RPPS number. */
    static final Map<String, String> TOKENS = new LinkedHashMap<>(Map.of(
            "CPS-MEDECIN", "10001234567",
            "CPS-PHARMACIEN", "10007654321",
            "CPS-PIN-TESTS", "10000000017",
            "CPS-REMOVABLE", "10000000025"));

    private static final Object LOCK = new Object();
    private static SoftHsm instance;

    final TestPki pki;
    final Path library;
    final Map<String, IssuedCredential> authentication = new LinkedHashMap<>();
    final Map<String, IssuedCredential> signature = new LinkedHashMap<>();

    private SoftHsm(TestPki pki, Path library) {
        this.pki = pki;
        this.library = library;
    }

    /** The PIN of a token: a 4-digit "code porteur", different per token. */
    static char[] pin(String label) {
        return String.format("%04d", Math.abs(label.hashCode()) % 10000).toCharArray();
    }

    /**
     * @return the shared tokens, created on first use
     */
    static SoftHsm get() {
        synchronized (LOCK) {
            if (instance == null) {
                instance = create();
            }
            return instance;
        }
    }

    private static SoftHsm create() {
        Path library = findLibrary();
        String util = findUtil();
        if (util == null || library == null) {
            String message = "SoftHSM2 is not installed (softhsm2-util or libsofthsm2.so missing): install the Debian"
                    + " package softhsm2 to run the PKCS#11 tests";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (CI=true: these tests must run)");
            }
            abort(message);
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            fail("SOFTHSM2_CONF is not set: run the tests through Maven (Surefire sets it)");
        }
        try {
            Path confFile = Path.of(conf);
            Path tokens = confFile.resolveSibling("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> s = Files.walk(tokens)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                    + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
            for (String label : TOKENS.keySet()) {
                run(util, "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin",
                        new String(pin(label)));
            }
            SoftHsm hsm = new SoftHsm(TestPki.create(), library);
            for (Map.Entry<String, String> token : TOKENS.entrySet()) {
                hsm.importCredentials(token.getKey(), token.getValue());
            }
            return hsm;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot prepare the SoftHSM2 tokens", e);
        }
    }

    private void importCredentials(String label, String rpps) {
        CpsProfile auth = CpsProfile.physician(rpps);
        IssuedCredential a = pki.issueCps(auth);
        IssuedCredential s = pki.issueCps(auth.toBuilder().usage(CpsUsage.SIGNATURE).build());
        authentication.put(label, a);
        signature.put(label, s);
        long slot = Pkcs11Library.at(library).slots().stream()
                .filter(x -> x.tokenLabel().map(label::equals).orElse(false))
                .findFirst().orElseThrow().slotId();
        Provider p = Security.getProvider("SunPKCS11").configure(
                "--name=TestImport" + Math.abs(label.hashCode()) + "\nlibrary=" + library + "\nslot=" + slot + "\n");
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", p);
            store.load(null, pin(label));
            store.setKeyEntry(AUTH_LABEL, a.privateKey(), null, a.chain().toArray(new X509Certificate[0]));
            store.setKeyEntry(SIGN_LABEL, s.privateKey(), null, s.chain().toArray(new X509Certificate[0]));
            // Login state is per token and process: log out so that the code under test really checks the PIN.
            ((AuthProvider) p).logout();
        } catch (Exception e) {
            throw new IllegalStateException("cannot import the test credentials into token " + label, e);
        }
    }

    Pkcs11Library pkcs11() {
        return Pkcs11Library.at(library);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command[0], command[1]) + " failed: " + out);
        }
    }

    private static String findUtil() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "softhsm2-util");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static Path findLibrary() {
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/usr/lib/softhsm/libsofthsm2.so"),
                Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
                Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
                Path.of("/usr/local/lib/softhsm/libsofthsm2.so"),
                Path.of("/usr/lib64/pkcs11/libsofthsm2.so")));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }
}
