package org.staffcard.virtualcard;

import java.security.cert.X509Certificate;

/** A PIV card issued for a test, with the CA that issued it, so a test can trust that CA. */
public record TestPivCard(PivCardProfile profile, TestCertificateAuthority authority) {

    public X509Certificate certificate() {
        return profile.certificate();
    }

    /** The card UUID as 32 lowercase hex characters. */
    public String cardUserId() {
        return profile.cardUserId();
    }

    public String spkiSha256() {
        return SpkiFingerprint.sha256Hex(profile.certificate());
    }

    /** A fresh card holding this profile; each one has its own PIN counter. */
    public VirtualPivCard newCard() {
        return new VirtualPivCard(profile);
    }

    public VirtualPivCard newCard(CardQuirks quirks) {
        return new VirtualPivCard(profile, quirks);
    }
}
