package io.segursdk.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.error.InvalidRequestException;
import io.segursdk.testkit.pki.CpsProfile;
import io.segursdk.testkit.pki.IssuedCredential;
import io.segursdk.testkit.pki.OrganisationProfile;
import io.segursdk.testkit.pki.TestPki;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.util.Arrays;

import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organisation certificates as vendors receive them: PKCS#12 files, passwords as char[]. */
class SoftwareCredentialTest {

    private static TestPki pki;
    private static IssuedCredential insiAuto;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        insiAuto = pki.issueOrganisation(OrganisationProfile.insiAuto("10B0152872"));
    }

    @Test
    void loadsTheOnlyKeyEntryOfAPkcs12File(@TempDir Path dir) {
        char[] password = "s3cret".toCharArray();
        Path file = insiAuto.writePkcs12(dir.resolve("insi-auto.p12"), password);

        SigningCredential credential = SoftwareCredential.fromPkcs12(file, password);
        Arrays.fill(password, '\0');   // the vendor may wipe it at once: nothing was kept

        assertThat(credential.certificate()).isEqualTo(insiAuto.certificate());
        assertThat(credential.certificateChain()).hasSize(3);
        assertThat(credential.provider()).isEmpty();
        assertThat(credential.toString()).contains("CN=INSI-AUTO");
    }

    @Test
    void signsWithEveryAlgorithmAndTheSignaturesVerify() throws Exception {
        SigningCredential credential = SoftwareCredential.of(insiAuto.privateKey(), insiAuto.chain());
        byte[] data = "SignedInfo".getBytes();
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            byte[] value = credential.sign(algorithm, data);
            Signature verifier = Signature.getInstance(algorithm.jcaName());
            if (algorithm.parameters() != null) {
                verifier.setParameter(algorithm.parameters());
            }
            verifier.initVerify(credential.certificate().getPublicKey());
            verifier.update(data);
            assertThat(verifier.verify(value)).as(algorithm.name()).isTrue();
        }
    }

    @Test
    void keyManagerPresentsTheCredentialToSocketsAndEngines() {
        SigningCredential credential = SoftwareCredential.of(insiAuto.privateKey(), insiAuto.chain());
        X509ExtendedKeyManager km = credential.keyManager();
        String alias = km.chooseEngineClientAlias(new String[] {"RSA"}, null, null);
        assertThat(alias).isNotNull().isEqualTo(km.chooseClientAlias(new String[] {"RSA"}, null, null));
        assertThat(km.getCertificateChain(alias)[0]).isEqualTo(insiAuto.certificate());
        assertThat(km.getPrivateKey(alias)).isEqualTo(insiAuto.privateKey());
        assertThat(km.chooseEngineClientAlias(new String[] {"EC"}, null, null)).isNull();
    }

    @Test
    void wrongPasswordIsAClearInvalidRequest() {
        byte[] p12 = insiAuto.toPkcs12("right".toCharArray());
        assertThatThrownBy(() -> SoftwareCredential.fromPkcs12(new ByteArrayInputStream(p12), "wrong".toCharArray(), null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("pkcs12")
                .hasMessageContaining("password");
    }

    @Test
    void severalKeyEntriesNeedAnAliasAndAMissingAliasIsNamed() throws Exception {
        char[] pw = "pw".toCharArray();
        KeyStore store = insiAuto.toKeyStore(pw);
        IssuedCredential cps = pki.issueCps(CpsProfile.physician("10001234567"));
        store.setKeyEntry("cps", cps.privateKey(), pw, cps.chain().toArray(new java.security.cert.Certificate[0]));

        assertThatThrownBy(() -> SoftwareCredential.fromKeyStore(store, pw, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("several key entries");
        assertThatThrownBy(() -> SoftwareCredential.fromKeyStore(store, pw, "absent"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("absent");
        assertThat(SoftwareCredential.fromKeyStore(store, pw, "cps").certificate()).isEqualTo(cps.certificate());
    }

    @Test
    void unreadableFileAndEmptyChainAreInvalidRequests(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("not.p12"), "not a keystore");
        assertThatThrownBy(() -> SoftwareCredential.fromPkcs12(garbage, "x".toCharArray()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> SoftwareCredential.fromPkcs12(dir.resolve("missing.p12"), "x".toCharArray()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> SoftwareCredential.of(insiAuto.privateKey(), java.util.List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("chain");
    }
}
