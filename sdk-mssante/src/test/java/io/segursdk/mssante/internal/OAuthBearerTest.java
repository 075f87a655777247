package io.segursdk.mssante.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RFC 7628 client message and the reading of the server's error challenge. */
class OAuthBearerTest {

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    @Test
    void clientMessageCarriesTheMailboxAsAuthzidThenHostPortAndToken() {
        String message = decode(OAuthBearer.clientResponse("dr.martin@test.mssante.fr", "imap.operateur.fr", 143,
                "eyJ.payload.sig"));
        assertThat(message).isEqualTo("n,a=dr.martin@test.mssante.fr,\u0001host=imap.operateur.fr\u0001port=143"
                + "\u0001auth=Bearer eyJ.payload.sig\u0001\u0001");
    }

    @Test
    void authzidCommasAndEqualSignsAreEscaped() {
        assertThat(OAuthBearer.saslName("a,b=c@d.fr")).isEqualTo("a=2Cb=3Dc@d.fr");
        assertThat(decode(OAuthBearer.clientResponse("a,b=c@d.fr", "h", 1, "t"))).startsWith("n,a=a=2Cb=3Dc@d.fr,\u0001");
    }

    @Test
    void aTokenThatWouldBreakTheFramingIsRefused() {
        assertThatThrownBy(() -> OAuthBearer.clientResponse("a@b.fr", "h", 1, "abc\u0001auth=Bearer other"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("abc");
        assertThatThrownBy(() -> OAuthBearer.clientResponse("a@b.fr", "h", 1, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDummyResponseIsTheSingleByte01() {
        assertThat(Base64.getDecoder().decode(OAuthBearer.DUMMY_RESPONSE)).containsExactly(1);
    }

    @Test
    void serverErrorIsTheDecodedJsonOrNothing() {
        String json = "{\"status\":\"invalid_token\",\"scope\":\"mail\","
                + "\"openid-configuration\":\"https://idp.test/.well-known/openid-configuration\"}";
        assertThat(OAuthBearer.serverError(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(json);
        assertThat(OAuthBearer.serverError("")).isNull();
        assertThat(OAuthBearer.serverError(null)).isNull();
        assertThat(OAuthBearer.serverError("not base64 !")).isNull();
        assertThat(OAuthBearer.serverError(Base64.getEncoder().encodeToString("plain".getBytes(StandardCharsets.UTF_8))))
                .isNull();
    }
}
