package org.staffcard.authenticator.validation;

/**
 * The leaf certificate carries a certificate policy on the deny-list, or none of the allow-list. The user sees the
 * same message as for a wrong key usage: the card holds a certificate issued for another purpose.
 */
public final class CertificatePolicyRefusedException extends CardValidationException {

    public static final String ERROR_CODE = CertificateWrongPurposeException.ERROR_CODE;

    public CertificatePolicyRefusedException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
