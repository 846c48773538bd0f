package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;

/** Step 3: the leaf's key must be marked for digital signatures. */
final class DigitalSignaturePurposeCheck {

    /** digitalSignature in the key usage bit string (RFC 5280 section 4.2.1.3). */
    private static final int DIGITAL_SIGNATURE = 0;

    private DigitalSignaturePurposeCheck() {
    }

    /**
     * RFC 5280 reads a missing key usage extension as "any use", and a non-critical one as advice. Both are refused
     * here: the sign-in certificates of the card profiles we support (JPKI, PIV) state digitalSignature, and a
     * certificate the same CA issued for another purpose, such as key encipherment, must not open a staff session.
     */
    static void check(X509Certificate leaf, CertificateIdentity leafIdentity)
            throws CertificateWrongPurposeException {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage == null) {
            throw new CertificateWrongPurposeException(leafIdentity, "leaf certificate " + leafIdentity.describe()
                    + " has no key usage extension; a card's sign-in certificate must state digitalSignature");
        }

        if (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE]) {
            throw new CertificateWrongPurposeException(leafIdentity, "leaf certificate " + leafIdentity.describe()
                    + " has a key usage without digitalSignature");
        }
    }
}
