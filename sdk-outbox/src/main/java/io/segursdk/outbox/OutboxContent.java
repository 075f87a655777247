package io.segursdk.outbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The content of an item being enqueued (a document, a message). Either copied into the outbox's database, streamed
 * in chunks and encrypted when the outbox has a key, so it need never be whole in memory; or left where it is, in a
 * file of the vendor's, and only referenced.
 */
public final class OutboxContent {

    private final InputStream stream;
    private final Path reference;

    private OutboxContent(InputStream stream, Path reference) {
        this.stream = stream;
        this.reference = reference;
    }

    /**
     * @param content the content; read to its end (and closed) during {@link Outbox#enqueue(EnqueueRequest)}
     * @return content copied into the outbox from that stream
     */
    public static OutboxContent of(InputStream content) {
        return new OutboxContent(Objects.requireNonNull(content, "content"), null);
    }

    /**
     * @param content the content (copied at enqueue)
     * @return content copied into the outbox
     */
    public static OutboxContent of(byte[] content) {
        return of(new ByteArrayInputStream(content.clone()));
    }

    /**
     * @param file a file, copied into the outbox at enqueue (it may be deleted afterwards)
     * @return content copied into the outbox from that file
     */
    public static OutboxContent copyOf(Path file) {
        try {
            return of(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the content file", e);
        }
    }

    /**
     * The outbox stores the file's absolute path only and reads the file when it sends the item: the file must stay
     * in place, unchanged, until the item is sent or cancelled. It is not encrypted by the outbox.
     *
     * @param file an existing regular file
     * @return content referenced by path
     */
    public static OutboxContent reference(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException("not a regular file: " + abs);
        }
        return new OutboxContent(null, abs);
    }

    /** @return the stream to copy, or {@code null} for a reference */
    InputStream stream() {
        return stream;
    }

    /** @return the referenced file, or {@code null} for copied content */
    Path reference() {
        return reference;
    }
}
