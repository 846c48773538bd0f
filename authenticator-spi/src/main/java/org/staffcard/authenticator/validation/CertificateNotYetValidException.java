package org.staffcard.authenticator.validation;

/**
 * A certificate of the path, the trust anchor included, was not yet valid at the time of sign-in. The login page
 * shows the same message as for an expired certificate, so it shares that error code.
 */
public final class CertificateNotYetValidException extends CardValidationException {

    public static final String ERROR_CODE = CertificateExpiredException.ERROR_CODE;

    public CertificateNotYetValidException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
