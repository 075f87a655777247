package io.segursdk.cardreader;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;

import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.Signature;
import java.util.List;

import org.junit.jupiter.api.Test;

class CardSigningTest {

    private final SoftHsm hsm = SoftHsm.get();

    @Test
    void signsWithTheCardsSignatureKeyInPkcs1AndPss() throws Exception {
        byte[] assertion = "<saml2:Assertion ID=\"_a1\">VIHF</saml2:Assertion>".getBytes(StandardCharsets.UTF_8);
        // tag::open[]
        Pkcs11Library library = Pkcs11Library.at(hsm.library); // or Pkcs11Library.cryptolibCps()
        char[] pin = SoftHsm.pin("CPS-MEDECIN");                 // from your PIN dialog
        try (CpsCard card = library.open(TokenSelector.label("CPS-MEDECIN"), pin)) {
            // pin is now zeroed
            SigningCredential signer = card.signatureCredential(); // for VIHF, SAML, documents
            byte[] pkcs1 = signer.sign(SignatureAlgorithm.RSA_SHA256, assertion);
            byte[] pss = signer.sign(SignatureAlgorithm.RSA_PSS_SHA256, assertion);
            // end::open[]
            assertThat(pin).containsOnly('\0');
            assertThat(signer.certificate()).isEqualTo(hsm.signature.get("CPS-MEDECIN").certificate());
            assertThat(signer.provider()).contains(card.provider());
            assertThat(verify(SignatureAlgorithm.RSA_SHA256, signer, assertion, pkcs1)).isTrue();
            assertThat(verify(SignatureAlgorithm.RSA_PSS_SHA256, signer, assertion, pss)).isTrue();
            byte[] tampered = assertion.clone();
            tampered[0] ^= 1;
            assertThat(verify(SignatureAlgorithm.RSA_SHA256, signer, tampered, pkcs1)).isFalse();
            // The signature key, not the authentication key, signed.
            assertThat(verify(SignatureAlgorithm.RSA_SHA256, card.authenticationCredential(), assertion, pkcs1))
                    .isFalse();
        }
    }

    @Test
    void listsTheCardsCertificatesAndItsHolder() {
        try (CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-MEDECIN"), SoftHsm.pin("CPS-MEDECIN"))) {
            assertThat(card.tokenLabel()).isEqualTo("CPS-MEDECIN");
            List<CardCertificate> certs = card.certificates();
            assertThat(certs).extracting(CardCertificate::label).contains(SoftHsm.AUTH_LABEL, SoftHsm.SIGN_LABEL);
            assertThat(certs).filteredOn(c -> c.label().equals(SoftHsm.AUTH_LABEL)).singleElement()
                    .satisfies(c -> {
                        assertThat(c.usage()).isEqualTo(CardKeyUsage.AUTHENTICATION);
                        assertThat(c.hasPrivateKey()).isTrue();
                    });
            assertThat(certs).filteredOn(c -> c.label().equals(SoftHsm.SIGN_LABEL)).singleElement()
                    .extracting(CardCertificate::usage).isEqualTo(CardKeyUsage.SIGNATURE);
            // tag::holder[]
            CardHolder holder = card.holder().orElseThrow();
            String nationalId = holder.nationalId();      // "8" + RPPS
            CardType type = holder.cardType();            // CPS, CPE…
            CardEnvironment env = holder.environment();   // TEST or PRODUCTION, from the issuer
            // end::holder[]
            assertThat(nationalId).isEqualTo("810001234567");
            assertThat(type).isEqualTo(CardType.CPS);
            assertThat(env).isEqualTo(CardEnvironment.TEST);
            assertThat(holder.surname()).contains("TESTMEDECIN");
            assertThat(holder.givenName()).contains("CAMILLE");
            assertThat(holder.profession()).contains("Médecin");
        }
    }

    @Test
    void theProviderIsInstalledOnlyWhileTheCardIsOpen() {
        String name;
        try (CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-MEDECIN"), SoftHsm.pin("CPS-MEDECIN"))) {
            name = card.provider().getName();
            assertThat(Security.getProvider(name)).isSameAs(card.provider());
        }
        assertThat(Security.getProvider(name)).isNull();
    }

    @Test
    void listsSlotsWithTokenLabels() {
        assertThat(hsm.pkcs11().slots()).filteredOn(Pkcs11Slot::tokenPresent)
                .extracting(s -> s.tokenLabel().orElseThrow())
                .containsAll(SoftHsm.TOKENS.keySet());
        long slot = hsm.pkcs11().slots().stream()
                .filter(s -> s.tokenLabel().map("CPS-PHARMACIEN"::equals).orElse(false)).findFirst().orElseThrow()
                .slotId();
        try (CpsCard card = hsm.pkcs11().open(TokenSelector.slot(slot), SoftHsm.pin("CPS-PHARMACIEN"))) {
            assertThat(card.tokenLabel()).isEqualTo("CPS-PHARMACIEN");
            assertThat(card.slotId()).isEqualTo(slot);
        }
    }

    static boolean verify(SignatureAlgorithm algorithm, SigningCredential credential, byte[] data, byte[] value)
            throws Exception {
        Signature verifier = Signature.getInstance(algorithm.jcaName());
        if (algorithm.parameters() != null) {
            verifier.setParameter(algorithm.parameters());
        }
        // The signature certificate's key usage is critical nonRepudiation: verify with the public key.
        verifier.initVerify(credential.certificate().getPublicKey());
        verifier.update(data);
        return verifier.verify(value);
    }
}
