package io.segursdk.outbox.internal;

import io.segursdk.outbox.OutboxException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM encryption of an item's metadata and content chunks. Content is encrypted chunk by chunk (each chunk its
 * own GCM message), so it streams in bounded memory. The 12-byte nonce is the item's random 8-byte prefix followed
 * by the chunk number (metadata uses the reserved number 0xFFFFFFFF); the associated data binds each chunk to its
 * item, its position and whether it is the last, so chunks cannot be swapped, reordered or cut off unnoticed.
 */
public final class ContentCipher {

    private static final int TAG_BITS = 128;
    /** Bytes GCM adds to each chunk. */
    public static final int OVERHEAD = TAG_BITS / 8;
    private static final int METADATA_COUNTER = -1;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param key an AES key (128, 192 or 256 bits) */
    public ContentCipher(SecretKey key) {
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("the outbox encryption key must be an AES key");
        }
        this.key = key;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, new byte[12]));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable AES key: " + e.getMessage(), e);
        }
    }

    /** @return a fresh random nonce prefix for a new item */
    public byte[] newNoncePrefix() {
        byte[] p = new byte[8];
        random.nextBytes(p);
        return p;
    }

    /**
     * @param itemId the item
     * @param prefix its nonce prefix
     * @param plain  the metadata
     * @return the encrypted metadata
     */
    public byte[] encryptMetadata(String itemId, byte[] prefix, byte[] plain) {
        return run(Cipher.ENCRYPT_MODE, prefix, METADATA_COUNTER, aad("meta", itemId, 0, true), plain, itemId);
    }

    /**
     * @param itemId the item
     * @param prefix its nonce prefix
     * @param sealed the encrypted metadata
     * @return the metadata
     */
    public byte[] decryptMetadata(String itemId, byte[] prefix, byte[] sealed) {
        return run(Cipher.DECRYPT_MODE, prefix, METADATA_COUNTER, aad("meta", itemId, 0, true), sealed, itemId);
    }

    /**
     * @param itemId the item
     * @param prefix its nonce prefix
     * @param seq    the chunk number
     * @param last   whether it is the last chunk
     * @param plain  the chunk
     * @return the encrypted chunk
     */
    public byte[] encryptChunk(String itemId, byte[] prefix, int seq, boolean last, byte[] plain) {
        return run(Cipher.ENCRYPT_MODE, prefix, seq, aad("chunk", itemId, seq, last), plain, itemId);
    }

    /**
     * @param itemId the item
     * @param prefix its nonce prefix
     * @param seq    the chunk number
     * @param last   whether it is the last chunk
     * @param sealed the encrypted chunk
     * @return the chunk
     */
    public byte[] decryptChunk(String itemId, byte[] prefix, int seq, boolean last, byte[] sealed) {
        return run(Cipher.DECRYPT_MODE, prefix, seq, aad("chunk", itemId, seq, last), sealed, itemId);
    }

    private static byte[] aad(String what, String itemId, int seq, boolean last) {
        return (what + "|" + itemId + "|" + seq + "|" + (last ? "last" : "more")).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] prefix, int counter, byte[] aad, byte[] data, String itemId) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(counter).array();
            c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            return c.doFinal(data);
        } catch (AEADBadTagException e) {
            throw new OutboxException(OutboxException.Kind.CONTENT, "cannot decrypt item " + itemId
                    + ": wrong encryption key, or stored data altered", false, e);
        } catch (GeneralSecurityException e) {
            throw new OutboxException(OutboxException.Kind.CONTENT, "cannot " + (mode == Cipher.ENCRYPT_MODE
                    ? "encrypt" : "decrypt") + " item " + itemId, false, e);
        }
    }
}
