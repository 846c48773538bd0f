package org.staffcard.agent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The encoded message of RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017, section 9.2): {@code 00 01 FF..FF 00 DigestInfo},
 * exactly as long as the modulus. A PIV card does only the raw RSA operation, so the agent builds this block; a JPKI
 * card is sent the DigestInfo alone and pads it itself.
 */
final class Pkcs1SignatureBlock {

    /** DER of DigestInfo for SHA-256 up to the 32-byte hash (RFC 8017, section 9.2, note 1). */
    private static final byte[] SHA256_DIGEST_INFO_PREFIX =
            HexFormat.of().parseHex("3031300D060960864801650304020105000420");

    /** RFC 8017 asks for at least eight bytes of FF padding. */
    private static final int MIN_PADDING = 8;

    private Pkcs1SignatureBlock() {
    }

    static byte[] sha256DigestInfo(byte[] payload) {
        byte[] hash = sha256(payload);
        byte[] digestInfo = Arrays.copyOf(SHA256_DIGEST_INFO_PREFIX, SHA256_DIGEST_INFO_PREFIX.length + hash.length);
        System.arraycopy(hash, 0, digestInfo, SHA256_DIGEST_INFO_PREFIX.length, hash.length);
        return digestInfo;
    }

    static byte[] sha256Block(byte[] payload, int modulusBytes) {
        byte[] digestInfo = sha256DigestInfo(payload);
        if (modulusBytes < digestInfo.length + 3 + MIN_PADDING) {
            throw new IllegalArgumentException("a " + modulusBytes + "-byte modulus is too short for SHA-256");
        }
        byte[] block = new byte[modulusBytes];
        Arrays.fill(block, (byte) 0xFF);
        block[0] = 0x00;
        block[1] = 0x01;
        block[modulusBytes - digestInfo.length - 1] = 0x00;
        System.arraycopy(digestInfo, 0, block, modulusBytes - digestInfo.length, digestInfo.length);
        return block;
    }

    static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
