package io.segursdk.core.internal.logging;

import io.segursdk.core.logging.PhiRedactor;
import io.segursdk.core.soap.SoapAttachment;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Node;

/**
 * Logs SOAP traffic, redacted, at DEBUG on {@code io.segursdk.wire.<service>}. Costs nothing unless that logger is
 * DEBUG-enabled. Attachment content is never logged, only its content id and type.
 */
public final class WireLogger {

    private final Logger log;
    private final PhiRedactor redactor;

    /**
     * @param service  the service name, last segment of the logger name
     * @param redactor the redactor applied to every message
     */
    public WireLogger(String service, PhiRedactor redactor) {
        this.log = LoggerFactory.getLogger("io.segursdk.wire." + service.replaceAll("[^A-Za-z0-9_-]", "_"));
        this.redactor = redactor;
    }

    /** @return whether messages will be logged */
    public boolean enabled() {
        return log.isDebugEnabled();
    }

    /**
     * @param messageId   the request's message id
     * @param action      the wsa:Action
     * @param endpoint    the endpoint
     * @param envelope    the envelope (headers and body)
     * @param attachments the attachments (described, never read)
     */
    public void request(String messageId, String action, String endpoint, Node envelope,
                        List<SoapAttachment> attachments) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug("--> {} {} action={} messageId={}{}\n{}", "POST", endpoint, action, messageId,
                describe(attachments), redactor.redact(envelope));
    }

    /**
     * @param messageId   the request's message id
     * @param status      the HTTP status, or 0 when unknown
     * @param envelope    the response envelope, or {@code null}
     * @param attachments the attachments received (described, never read)
     */
    public void response(String messageId, int status, Node envelope, List<SoapAttachment> attachments) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug("<-- {} messageId={}{}\n{}", status == 0 ? "" : "HTTP " + status, messageId,
                describe(attachments), redactor.redact(envelope));
    }

    /**
     * @param messageId the request's message id
     * @param summary   a description of the failure, redacted before logging
     */
    public void failure(String messageId, String summary) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug("<-- failed messageId={}: {}", messageId, redactor.redactText(summary));
    }

    private static String describe(List<SoapAttachment> attachments) {
        if (attachments == null || attachments.isEmpty()) {
            return "";
        }
        return attachments.stream().map(a -> "[attachment " + a.contentId() + ", " + a.contentType() + "]")
                .collect(Collectors.joining(" ", " ", ""));
    }
}
