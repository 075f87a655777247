package io.segursdk.samples.journey;

import io.segursdk.testkit.pki.TestPki;
import io.segursdk.testkit.server.SimRequest;
import io.segursdk.testkit.server.SimResponse;
import io.segursdk.testkit.soap.InboundSoap;
import io.segursdk.testkit.soap.SignedAssertionVerifier;
import io.segursdk.testkit.soap.SoapCheckException;
import io.segursdk.testkit.soap.SoapResponses;

import org.w3c.dom.Element;

/** A secured endpoint of the embedded simulators that checks what the national services check, then says what. */
final class SecureEndpoint {

    static final String ACTION = "urn:segursdk:journey:1.0:secureChannel";
    static final String NS = "urn:segursdk:journey";

    private SecureEndpoint() {
    }

    static SimResponse handle(TestPki pki, SimRequest http) {
        InboundSoap soap = InboundSoap.parse(http.contentType().orElse(null), http.body());
        String messageId = soap.messageId().orElse(null);
        try {
            if (!ACTION.equals(soap.action().orElse(null)) || messageId == null) {
                throw new SoapCheckException("Sender", "InvalidAddressingHeader", "WS-Addressing headers missing");
            }
            Element security = soap.security()
                    .orElseThrow(() -> new SoapCheckException("Sender", "InvalidSecurity", "wsse:Security missing"));
            SignedAssertionVerifier.VerifiedAssertion token = SignedAssertionVerifier.forPki(pki).verifyIn(security);
            String proof = "mutual TLS as " + http.clientCertificate().orElseThrow().getSubjectX500Principal().getName()
                    + "; WS-Addressing " + messageId.substring(0, 5) + "...; SAML token of " + token.nameId()
                    + " verified against the test PKI";
            return SimResponse.of(200, SoapResponses.CONTENT_TYPE, SoapResponses.envelope(ACTION + "Response", messageId,
                    "<j:Pong xmlns:j=\"" + NS + "\">" + SoapResponses.escape(proof) + "</j:Pong>"));
        } catch (SoapCheckException e) {
            return SimResponse.of(500, SoapResponses.CONTENT_TYPE, SoapResponses.fault(e, messageId));
        }
    }
}
