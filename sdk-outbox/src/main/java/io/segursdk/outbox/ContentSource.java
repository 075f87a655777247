package io.segursdk.outbox;

import java.io.InputStream;

/**
 * An item's content as the worker hands it to an {@link OutboxSender}: each {@link #open()} streams it afresh from
 * storage (decrypted), so a sender that must read it twice (for instance to compute a size and a digest before
 * streaming it) never has to copy it to memory or to disk.
 */
@FunctionalInterface
public interface ContentSource {

    /**
     * @return a new stream over the whole content, which the caller closes
     * @throws OutboxException of kind {@link OutboxException.Kind#CONTENT} when the content cannot be read
     */
    InputStream open();
}
