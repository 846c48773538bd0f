package org.staffcard.authenticator.validation;

/** A certificate of the path, the trust anchor included, was no longer valid at the time of sign-in. */
public final class CertificateExpiredException extends CardValidationException {

    public static final String ERROR_CODE = "card_certificate_expired";

    public CertificateExpiredException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
