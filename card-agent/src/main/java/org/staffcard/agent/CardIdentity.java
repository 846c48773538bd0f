package org.staffcard.agent;

import org.staffcard.protocol.SignatureAlgorithm;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What was read from the card before the PIN prompt: the card's profile, the card user ID, the authentication
 * certificate, the PIN tries left and the algorithm the card's key signs with. The signing step reads the ID and
 * certificate again and compares, so a card swapped during the prompt is noticed.
 */
record CardIdentity(CardProfile profile, String cardUserId, byte[] certificateDer, X509Certificate certificate,
                    int pinTriesLeft, SignatureAlgorithm algorithm) {

    CardIdentity {
        certificateDer = certificateDer.clone();
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    /** The same card: the same profile, the same certificate bytes and the same card user ID (or card UUID). */
    boolean sameCardAs(CardIdentity other) {
        return profile.name().equals(other.profile.name())
                && MessageDigest.isEqual(certificateDer, other.certificateDer) && cardUserId.equals(other.cardUserId);
    }

    String serialHex() {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    static X509Certificate parseCertificate(byte[] der) throws CardUnsupportedException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new CardUnsupportedException("the authentication certificate on the card is not an X.509 "
                    + "certificate", e);
        }
    }

    /**
     * The card user ID of a card whose organisation has no free area: the lowercase hex SHA-256 of the certificate,
     * exactly 64 characters, which fits the protocol's limit for card user IDs.
     */
    static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
