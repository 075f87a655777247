package io.segursdk.dmp.internal;

import org.w3c.dom.Element;

import java.util.List;

/**
 * A request ready for the SOAP layer: the element to put in the SOAP body, and the attachments its
 * {@code xop:Include} elements refer to.
 *
 * @param body        the body's child element
 * @param attachments the MTOM attachments, possibly none
 */
public record SoapBodyPayload(Element body, List<MtomAttachment> attachments) {

    /** Copies the list. */
    public SoapBodyPayload {
        attachments = List.copyOf(attachments);
    }
}
