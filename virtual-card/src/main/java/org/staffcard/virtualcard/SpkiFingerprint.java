package org.staffcard.virtualcard;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The SHA-256 of a certificate's SubjectPublicKeyInfo DER, in lowercase hex: it names the card's key, and stays the
 * same if the card's certificate is reissued for the same key.
 */
public final class SpkiFingerprint {

    private SpkiFingerprint() {
    }

    public static String sha256Hex(X509Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
