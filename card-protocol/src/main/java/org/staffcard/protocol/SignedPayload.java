package org.staffcard.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The exact bytes a card signs at sign-in:
 *
 * <pre>
 *   "STAFFCARD-LOGIN-V1" 0x00 || SHA-256(origin) || SHA-256(challenge) || SHA-256(card user ID)
 * </pre>
 *
 * The origin is the web origin of the sign-in server as the browser reports it; the agent takes it from the
 * request's {@code Origin} header, and the server rebuilds it from its own address. A signature made for one site
 * therefore proves nothing to another, a signature for one challenge proves nothing for the next, and a card user
 * ID cannot be swapped after signing. The label keeps these signatures apart from anything else the key signs.
 */
public final class SignedPayload {

    static final byte[] LABEL = "STAFFCARD-LOGIN-V1\0".getBytes(StandardCharsets.US_ASCII);

    private static final int HASH_LENGTH = 32;

    /** Length of every payload: the label and three SHA-256 values. */
    public static final int LENGTH = LABEL.length + 3 * HASH_LENGTH;

    private SignedPayload() {
    }

    public static byte[] of(String origin, Challenge challenge, String cardUserId) {
        byte[] payload = new byte[LENGTH];
        System.arraycopy(LABEL, 0, payload, 0, LABEL.length);

        int offset = LABEL.length;
        offset = appendHash(payload, offset, origin.getBytes(StandardCharsets.UTF_8));
        offset = appendHash(payload, offset, challenge.bytes());
        appendHash(payload, offset, cardUserId.getBytes(StandardCharsets.UTF_8));
        return payload;
    }

    private static int appendHash(byte[] target, int offset, byte[] input) {
        System.arraycopy(sha256(input), 0, target, offset, HASH_LENGTH);
        return offset + HASH_LENGTH;
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
