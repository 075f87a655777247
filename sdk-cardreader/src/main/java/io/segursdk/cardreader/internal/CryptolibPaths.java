package io.segursdk.cardreader.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the Cryptolib CPS installers put the PKCS#11 module, per operating system (ANS release notes of Cryptolib
 * CPS 5.2: Windows MSI, Linux RPM, macOS PKG).
 */
public final class CryptolibPaths {

    private CryptolibPaths() {
    }

    /**
     * @param osName     the {@code os.name} system property
     * @param dataModel  the JVM's bitness: {@code "64"} or {@code "32"} ({@code sun.arch.data.model})
     * @param systemRoot the Windows {@code SystemRoot} directory, or {@code null} for {@code C:\Windows}
     * @return the candidate paths, most likely first
     */
    public static List<Path> candidates(String osName, String dataModel, String systemRoot) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            // A 32-bit process reads System32 redirected to SysWOW64, where the 32-bit module is installed.
            String root = systemRoot == null ? "C:\\Windows" : systemRoot;
            String dll = "32".equals(dataModel) ? "cps3_pkcs11_w32.dll" : "cps3_pkcs11_w64.dll";
            return List.of(Path.of(root, "System32", dll));
        }
        if (os.startsWith("mac")) {
            return List.of(Path.of("/usr/local/lib/libcps3_pkcs11_osx.dylib"));
        }
        return List.of(Path.of("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so"),
                Path.of("/usr/lib64/libcps3_pkcs11_lux.so"));
    }
}
