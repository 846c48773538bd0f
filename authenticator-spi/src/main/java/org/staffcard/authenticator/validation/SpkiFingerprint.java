package org.staffcard.authenticator.validation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The SHA-256 of a key's SubjectPublicKeyInfo, in lowercase hex. It names the card's key rather than one
 * certificate of it, so the binding of a card to an account survives a renewed certificate for the same key.
 */
public final class SpkiFingerprint {

    private SpkiFingerprint() {
    }

    public static String sha256Hex(PublicKey key) {
        return HexFormat.of().formatHex(sha256(key.getEncoded()));
    }

    public static String sha256Hex(X509Certificate certificate) {
        return sha256Hex(certificate.getPublicKey());
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
