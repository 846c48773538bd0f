package org.staffcard.authenticator.validation;

/**
 * The card's certificate is revoked, or its revocation source answered "unknown" for it: a source that does not
 * know a certificate cannot vouch for it, so the two are refused alike.
 */
public final class CertificateRevokedException extends CardValidationException {

    public static final String ERROR_CODE = "card_certificate_revoked";

    public CertificateRevokedException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
