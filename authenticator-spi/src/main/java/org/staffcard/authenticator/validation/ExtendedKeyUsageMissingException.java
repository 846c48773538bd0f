package org.staffcard.authenticator.validation;

/** The server requires an extended key usage that the leaf certificate does not state. */
public final class ExtendedKeyUsageMissingException extends CardValidationException {

    public static final String ERROR_CODE = CertificateWrongPurposeException.ERROR_CODE;

    public ExtendedKeyUsageMissingException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
