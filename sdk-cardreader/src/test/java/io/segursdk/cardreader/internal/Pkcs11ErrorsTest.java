package io.segursdk.cardreader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.segursdk.cardreader.CardBlockedException;
import io.segursdk.cardreader.CardRemovedException;
import io.segursdk.cardreader.WrongPinException;
import io.segursdk.core.error.SegurException;
import io.segursdk.core.error.TransportException;

import java.io.IOException;
import java.security.ProviderException;
import java.util.Optional;

import javax.security.auth.login.FailedLoginException;

import org.junit.jupiter.api.Test;

/** SunPKCS11 reports CK_RV names in its exception messages; these are the shapes it throws. */
class Pkcs11ErrorsTest {

    private static Exception loginFailure(String ckr) {
        FailedLoginException login = new FailedLoginException();
        login.initCause(new RuntimeException(ckr));
        return new IOException("load failed", login);
    }

    @Test
    void wrongPinWithTheFinalTryFlag() {
        SegurException e = Pkcs11Errors.translate("Opening", loginFailure("CKR_PIN_INCORRECT"),
                Optional.of(Pkcs11Native.CKF_USER_PIN_FINAL_TRY | Pkcs11Native.CKF_USER_PIN_COUNT_LOW));
        assertThat(e).isInstanceOf(WrongPinException.class).hasMessageContaining("one more wrong PIN");
        assertThat(((WrongPinException) e).triesLeft()).hasValue(1);
        assertThat(((WrongPinException) e).countLow()).isTrue();
    }

    @Test
    void wrongPinWithoutFlagsTellsNoCount() {
        SegurException e = Pkcs11Errors.translate("Opening", loginFailure("CKR_PIN_INCORRECT"), Optional.empty());
        assertThat(((WrongPinException) e).triesLeft()).isEmpty();
        assertThat(e.code()).contains("CKR_PIN_INCORRECT");
    }

    @Test
    void lockedPin() {
        assertThat(Pkcs11Errors.translate("Opening", loginFailure("CKR_PIN_LOCKED"), Optional.empty()))
                .isInstanceOf(CardBlockedException.class);
        // A wrong PIN that was the last try: the token now says locked.
        assertThat(Pkcs11Errors.translate("Opening", loginFailure("CKR_PIN_INCORRECT"),
                Optional.of(Pkcs11Native.CKF_USER_PIN_LOCKED))).isInstanceOf(CardBlockedException.class);
    }

    @Test
    void cardRemoved() {
        assertThat(Pkcs11Errors.translate("Signing", new ProviderException("Token has been removed"),
                Optional.empty())).isInstanceOf(CardRemovedException.class);
        assertThat(Pkcs11Errors.translate("Signing", new java.security.SignatureException("sign failed",
                new RuntimeException("CKR_DEVICE_REMOVED")), Optional.empty()))
                .isInstanceOf(CardRemovedException.class).hasMessageContaining("CKR_DEVICE_REMOVED");
        assertThat(Pkcs11Errors.translate("Listing", new Pkcs11Native.Pkcs11CallException("C_GetTokenInfo",
                Pkcs11Native.CKR_TOKEN_NOT_PRESENT), Optional.empty())).isInstanceOf(CardRemovedException.class);
    }

    @Test
    void anythingElseIsATransportErrorNamingTheCode() {
        SegurException e = Pkcs11Errors.translate("Opening", new ProviderException("Initialization failed",
                new RuntimeException("CKR_GENERAL_ERROR")), Optional.empty());
        assertThat(e).isExactlyInstanceOf(TransportException.class).hasMessageContaining("CKR_GENERAL_ERROR");
        assertThat(Pkcs11Errors.name(0x12345)).isEqualTo("CKR_0x12345");
    }
}
