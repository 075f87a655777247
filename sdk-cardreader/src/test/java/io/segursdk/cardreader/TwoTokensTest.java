package io.segursdk.cardreader;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.credentials.SignatureAlgorithm;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Two cards open at once in one JVM: each signs with its own key through its own provider. */
class TwoTokensTest {

    private final SoftHsm hsm = SoftHsm.get();

    @Test
    void twoCardsOpenAtOnceKeepTheirOwnKeysAndProviders() throws Exception {
        byte[] data = "two professionals, one JVM".getBytes(StandardCharsets.UTF_8);
        try (CpsCard doctor = hsm.pkcs11().open(TokenSelector.label("CPS-MEDECIN"), SoftHsm.pin("CPS-MEDECIN"));
             CpsCard pharmacist = hsm.pkcs11().open(TokenSelector.label("CPS-PHARMACIEN"),
                     SoftHsm.pin("CPS-PHARMACIEN"))) {
            assertThat(doctor.provider()).isNotSameAs(pharmacist.provider());
            assertThat(doctor.provider().getName()).isNotEqualTo(pharmacist.provider().getName());
            assertThat(doctor.holder().orElseThrow().nationalId()).isEqualTo("810001234567");
            assertThat(pharmacist.holder().orElseThrow().nationalId()).isEqualTo("810007654321");

            byte[] byDoctor = doctor.signatureCredential().sign(SignatureAlgorithm.RSA_SHA256, data);
            byte[] byPharmacist = pharmacist.signatureCredential().sign(SignatureAlgorithm.RSA_SHA256, data);
            assertThat(CardSigningTest.verify(SignatureAlgorithm.RSA_SHA256, doctor.signatureCredential(), data,
                    byDoctor)).isTrue();
            assertThat(CardSigningTest.verify(SignatureAlgorithm.RSA_SHA256, pharmacist.signatureCredential(), data,
                    byPharmacist)).isTrue();
            assertThat(CardSigningTest.verify(SignatureAlgorithm.RSA_SHA256, doctor.signatureCredential(), data,
                    byPharmacist)).isFalse();

            doctor.close();
            // Closing one card leaves the other usable.
            assertThat(pharmacist.signatureCredential().sign(SignatureAlgorithm.RSA_PSS_SHA256, data)).hasSize(256);
        }
    }
}
