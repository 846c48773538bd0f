package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

/**
 * A card assertion that passed every check: the card user ID it signed for, its leaf certificate, and how its
 * revocation status was established. The other values are derived from the leaf, so they can never disagree with it.
 */
public record ValidatedCard(String cardUserId, X509Certificate leaf, RevocationOutcome revocation) {

    public ValidatedCard {
        Objects.requireNonNull(cardUserId, "cardUserId");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(revocation, "revocation");
    }

    /** A card whose revocation status was not looked up. */
    public ValidatedCard(String cardUserId, X509Certificate leaf) {
        this(cardUserId, leaf, RevocationOutcome.notChecked());
    }

    /** Lowercase hex SHA-256 of the leaf's SubjectPublicKeyInfo: what an account is bound to. */
    public String spkiSha256Hex() {
        return SpkiFingerprint.sha256Hex(leaf);
    }

    /** The leaf's issuer in RFC 2253 form. */
    public String issuerDn() {
        return DistinguishedNames.readable(leaf.getIssuerX500Principal());
    }

    /** The leaf's serial number in lowercase hex without leading zeros. */
    public String serialHex() {
        return leaf.getSerialNumber().toString(16);
    }

    public CertificateIdentity leafIdentity() {
        return CertificateIdentity.of(leaf);
    }
}
