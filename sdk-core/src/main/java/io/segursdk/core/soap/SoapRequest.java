package io.segursdk.core.soap;

import io.segursdk.core.error.Violations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * One SOAP 1.2 request: the WS-Addressing action, the body's payload element, the extra SOAP headers, the security
 * tokens to place inside {@code wsse:Security} and the MTOM attachments. Immutable; build with {@link #builder()}.
 *
 * <p>The elements given are copied into the message when it is sent; the caller's DOM is never modified, and it must
 * not be modified while a call using it is in progress.
 *
 * <pre>{@code
 * SoapRequest request = SoapRequest.builder()
 *         .action("urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite")
 *         .body(recsansVitaleElement)
 *         .header(contexteLps)
 *         .header(contexteBam)
 *         .securityToken(signedAssertion)
 *         .build();
 * }</pre>
 */
public final class SoapRequest {

    private final String action;
    private final Element body;
    private final List<Element> headers;
    private final List<Element> securityTokens;
    private final List<SoapAttachment> attachments;
    private final String messageId;

    private SoapRequest(Builder b) {
        this.action = b.action;
        this.body = b.body;
        this.headers = List.copyOf(b.headers);
        this.securityTokens = List.copyOf(b.securityTokens);
        this.attachments = List.copyOf(b.attachments);
        this.messageId = b.messageId;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the WS-Addressing action (wsa:Action) of the operation */
    public String action() {
        return action;
    }

    /** @return the element placed as the only child of the SOAP body */
    public Element body() {
        return body;
    }

    /** @return extra SOAP header elements, in the order given (WS-Addressing and wsse:Security are added by the SDK) */
    public List<Element> headers() {
        return headers;
    }

    /** @return the tokens (signed SAML assertions) placed inside {@code wsse:Security}, in order; may be empty */
    public List<Element> securityTokens() {
        return securityTokens;
    }

    /** @return the attachments, sent as MIME parts (MTOM when the client has MTOM on) */
    public List<SoapAttachment> attachments() {
        return attachments;
    }

    /** @return the WS-Addressing message id to send, when the caller chose one; otherwise a fresh one is generated */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** Builds {@link SoapRequest}. */
    public static final class Builder {
        private String action;
        private Element body;
        private final List<Element> headers = new ArrayList<>();
        private final List<Element> securityTokens = new ArrayList<>();
        private final List<SoapAttachment> attachments = new ArrayList<>();
        private String messageId;

        private Builder() {
        }

        /**
         * @param action the operation's WS-Addressing action URI
         * @return this builder
         */
        public Builder action(String action) {
            this.action = action;
            return this;
        }

        /**
         * @param payload the element to send as the body's content
         * @return this builder
         */
        public Builder body(Element payload) {
            this.body = payload;
            return this;
        }

        /**
         * Adds a SOAP header element (for example INSi's {@code ContexteLPS}).
         *
         * @param header the element, namespace-qualified
         * @return this builder
         */
        public Builder header(Element header) {
            headers.add(header);
            return this;
        }

        /**
         * Adds a token to the {@code wsse:Security} header (for example a signed SAML assertion). Signed tokens are
         * copied as they are: their signature stays valid.
         *
         * @param token the token element
         * @return this builder
         */
        public Builder securityToken(Element token) {
            securityTokens.add(token);
            return this;
        }

        /**
         * Adds an attachment; with MTOM, the body refers to it by {@code <xop:Include href="cid:..."/>}
         * ({@link SoapAttachment#href()}).
         *
         * @param attachment the attachment
         * @return this builder
         */
        public Builder attachment(SoapAttachment attachment) {
            attachments.add(attachment);
            return this;
        }

        /**
         * Sets the WS-Addressing message id instead of a generated {@code uuid:<random UUID>}: useful to correlate
         * with the caller's own logs or to re-send a request under the same id.
         *
         * @param id the message id, an absolute URI such as {@code uuid:...} or {@code urn:uuid:...}
         * @return this builder
         */
        public Builder messageId(String id) {
            this.messageId = id;
            return this;
        }

        /**
         * @return the request
         * @throws io.segursdk.core.error.InvalidRequestException listing every problem found
         */
        public SoapRequest build() {
            Violations v = new Violations();
            v.require(action != null && !action.isBlank(), "soap.action", "is required (the operation's wsa:Action)");
            v.require(action == null || action.chars().noneMatch(Character::isWhitespace), "soap.action",
                    "must not contain spaces");
            v.require(body != null, "soap.body", "is required (the payload element)");
            v.require(body == null || body.getLocalName() != null, "soap.body",
                    "must be a namespace-aware element (parse or create it with namespaces on)");
            for (Element h : headers) {
                v.require(h != null && h.getLocalName() != null && h.getNamespaceURI() != null, "soap.headers",
                        "every header must be a namespace-qualified element");
            }
            for (Element t : securityTokens) {
                v.require(t != null && t.getLocalName() != null, "soap.securityTokens",
                        "every token must be a namespace-aware element");
            }
            List<String> ids = new ArrayList<>();
            for (SoapAttachment a : attachments) {
                v.require(a != null, "soap.attachments", "must not contain null");
                if (a != null) {
                    v.require(!ids.contains(a.contentId()), "soap.attachments",
                            "content ids must be unique: " + a.contentId() + " is repeated");
                    ids.add(a.contentId());
                }
            }
            v.require(messageId == null || messageId.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+"), "soap.messageId",
                    "must be an absolute URI such as uuid:<UUID>");
            v.throwIfAny();
            return new SoapRequest(this);
        }
    }
}
