package org.staffcard.virtualcard;

import java.security.cert.X509Certificate;

/**
 * A card issued for a test, with the CA that issued it, so a test can trust that CA, revoke the card or issue a
 * second card under the same CA.
 */
public record TestCard(VirtualCardProfile profile, TestCertificateAuthority authority) {

    public X509Certificate certificate() {
        return profile.certificate();
    }

    public String cardUserId() {
        return profile.cardUserId();
    }

    public String spkiSha256() {
        return SpkiFingerprint.sha256Hex(profile.certificate());
    }

    /** A fresh card holding this profile; each one has its own PIN counter. */
    public VirtualJpkiCard newCard() {
        return new VirtualJpkiCard(profile);
    }

    public VirtualJpkiCard newCard(CardQuirks quirks) {
        return new VirtualJpkiCard(profile, quirks);
    }
}
