package io.segursdk.cardreader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segursdk.core.credentials.SignatureAlgorithm;
import io.segursdk.core.credentials.SigningCredential;
import io.segursdk.core.error.AuthenticationException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CardErrorsTest {

    private final SoftHsm hsm = SoftHsm.get();

    @Test
    void aWrongPinIsATypedErrorAndTheRightPinStillOpensTheCard() {
        char[] wrong = "0000".toCharArray();
        if (new String(SoftHsm.pin("CPS-PIN-TESTS")).equals("0000")) {
            wrong = "1111".toCharArray();
        }
        char[] attempt = wrong;
        // tag::wrongPin[]
        try (CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-PIN-TESTS"), attempt)) {
            card.authenticationCredential();
        } catch (WrongPinException e) {
            // ask again; e.triesLeft() is 1 when the card says the next wrong PIN blocks it
        } catch (CardBlockedException e) {
            // the card must be unblocked with its PUK: do not ask for the PIN again
        }
        // end::wrongPin[]
        assertThat(attempt).containsOnly('\0');
        assertThatThrownBy(() -> hsm.pkcs11().open(TokenSelector.label("CPS-PIN-TESTS"), "9999".equals(
                new String(SoftHsm.pin("CPS-PIN-TESTS"))) ? "9998".toCharArray() : "9999".toCharArray()))
                .isInstanceOf(WrongPinException.class)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("wrong PIN");
        try (CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-PIN-TESTS"), SoftHsm.pin("CPS-PIN-TESTS"))) {
            assertThat(card.authenticationCredential().sign(SignatureAlgorithm.RSA_SHA256, new byte[] {1})).hasSize(256);
        }
    }

    @Test
    void aCardAlreadyOpenInTheProcessIsNotOpenedAgainWithAnUncheckedPin() {
        try (CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-PIN-TESTS"), SoftHsm.pin("CPS-PIN-TESTS"))) {
            assertThatThrownBy(() -> hsm.pkcs11().open(TokenSelector.label("CPS-PIN-TESTS"), "0000".toCharArray()))
                    .isInstanceOf(CardAlreadyOpenException.class);
            assertThat(card.isClosed()).isFalse();
        }
        hsm.pkcs11().open(TokenSelector.label("CPS-PIN-TESTS"), SoftHsm.pin("CPS-PIN-TESTS")).close();
    }

    @Test
    void aClosedCardsCredentialsCannotBeUsed() {
        CpsCard card = hsm.pkcs11().open(TokenSelector.label("CPS-REMOVABLE"), SoftHsm.pin("CPS-REMOVABLE"));
        SigningCredential signer = card.signatureCredential();
        card.close();
        card.close();
        assertThat(card.isClosed()).isTrue();
        assertThatThrownBy(() -> signer.sign(SignatureAlgorithm.RSA_SHA256, new byte[] {1}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnknownLabelOrSlotIsReportedWithWhatIsThere() {
        assertThatThrownBy(() -> hsm.pkcs11().open(TokenSelector.label("NO-SUCH-CARD"), "1234".toCharArray()))
                .isInstanceOf(TokenNotFoundException.class)
                .hasMessageContaining("NO-SUCH-CARD")
                .hasMessageContaining("CPS-MEDECIN");
    }

    @Test
    void aMissingLibraryIsReportedBeforeAnythingIsLoaded() {
        Path missing = Path.of("target", "no-cryptolib", "libcps3_pkcs11_lux.so");
        char[] pin = "1234".toCharArray();
        assertThatThrownBy(() -> Pkcs11Library.at(missing).open(TokenSelector.firstPresent(), pin))
                .isInstanceOf(CardLibraryException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining("libcps3_pkcs11_lux.so")
                .satisfies(e -> assertThat(((CardLibraryException) e).library()).isEqualTo(missing.toAbsolutePath()));
        assertThat(pin).containsOnly('\0');
        assertThatThrownBy(() -> Pkcs11Library.at(missing).slots()).isInstanceOf(CardLibraryException.class);
    }

    @Test
    void aFileThatIsNotALibraryIsReportedClearly() {
        Path notALibrary = Path.of("pom.xml");
        assertThatThrownBy(() -> Pkcs11Library.at(notALibrary).slots())
                .isInstanceOf(CardLibraryException.class)
                .hasMessageContaining("Cannot load");
    }
}
