package io.segursdk.dmp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The size and digests of a document, computed in one streaming pass over its content (a fixed buffer, never the
 * whole document in memory): the SHA-1 the XDS {@code hash} slot carries, and the digest the submission-set
 * signature's manifest carries (SHA-1 or SHA-256, as the signature algorithm says).
 *
 * <p>Why a first pass rather than digesting while sending: the size and hash are metadata, in the SOAP body, and
 * MTOM sends the body before the attachment; digesting during the send would need the whole request buffered. The
 * content source is re-openable by contract, so it is read twice as a stream, and the second read (the send) is
 * checked against this digest by {@link #verifying(InputStream)}.
 *
 * @param size           the size in bytes
 * @param sha1           the SHA-1 digest
 * @param manifestDigest the digest for the signature's manifest, in {@code manifestAlgorithm}
 * @param manifestAlgorithm the JCA name of the manifest's digest
 */
public record DocumentDigest(long size, byte[] sha1, byte[] manifestDigest, String manifestAlgorithm) {

    private static final int BUFFER = 64 * 1024;

    /**
     * Reads a content once, as a stream.
     *
     * @param content           opens the content
     * @param manifestAlgorithm the JCA digest name of the signature's manifest ({@code SHA-1} or {@code SHA-256})
     * @return the size and digests
     * @throws UncheckedIOException when the content cannot be read
     */
    public static DocumentDigest compute(MtomAttachment.ContentOpener content, String manifestAlgorithm) {
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest other = "SHA-1".equals(manifestAlgorithm) ? null : digest(manifestAlgorithm);
        long size = 0;
        byte[] buf = new byte[BUFFER];
        try (InputStream in = content.open()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha1.update(buf, 0, n);
                if (other != null) {
                    other.update(buf, 0, n);
                }
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the document to compute its size and hash", e);
        }
        byte[] s = sha1.digest();
        return new DocumentDigest(size, s, other == null ? s : other.digest(), manifestAlgorithm);
    }

    /**
     * Digests bytes already in memory (the small signature document).
     *
     * @param content the bytes
     * @return the size and SHA-1
     */
    public static DocumentDigest of(byte[] content) {
        byte[] s = digest("SHA-1").digest(content);
        return new DocumentDigest(content.length, s, s, "SHA-1");
    }

    /** @return the SHA-1 in lower-case hexadecimal, as the XDS {@code hash} slot carries it */
    public String sha1Hex() {
        return HexFormat.of().formatHex(sha1);
    }

    /**
     * Wraps the stream the document is sent from: at its end, a size or SHA-1 other than this digest's fails the
     * read, so the transport aborts the request rather than send a document that does not match its metadata (and
     * its signature).
     *
     * @param in the content as it is sent
     * @return the checking stream
     */
    public InputStream verifying(InputStream in) {
        MessageDigest md = digest("SHA-1");
        return new FilterInputStream(in) {
            private long count;
            private boolean checked;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    check();
                } else {
                    md.update((byte) b);
                    count++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    check();
                } else {
                    md.update(b, off, n);
                    count += n;
                }
                return n;
            }

            private void check() throws IOException {
                if (!checked) {
                    checked = true;
                    if (count != size || !Arrays.equals(md.digest(), sha1)) {
                        throw new IOException("The document changed between the computation of its hash and its"
                                + " sending: the feed is aborted");
                    }
                }
            }
        };
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is not available", e);
        }
    }
}
