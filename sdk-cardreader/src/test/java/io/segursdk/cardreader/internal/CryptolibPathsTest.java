package io.segursdk.cardreader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CryptolibPathsTest {

    @Test
    void linuxLooksInTheRpmInstallDirectoryThenLib64() {
        assertThat(CryptolibPaths.candidates("Linux", "64", null)).containsExactly(
                Path.of("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so"), Path.of("/usr/lib64/libcps3_pkcs11_lux.so"));
    }

    @Test
    void macOs() {
        assertThat(CryptolibPaths.candidates("Mac OS X", "64", null))
                .containsExactly(Path.of("/usr/local/lib/libcps3_pkcs11_osx.dylib"));
    }

    @Test
    void windowsPicksTheDllOfTheJvmsBitness() {
        assertThat(CryptolibPaths.candidates("Windows 11", "64", "C:\\Windows").get(0).toString())
                .endsWith("cps3_pkcs11_w64.dll").contains("System32");
        assertThat(CryptolibPaths.candidates("Windows 10", "32", null).get(0).toString())
                .endsWith("cps3_pkcs11_w32.dll");
    }
}
