package org.staffcard.authenticator.validation;

/** The leaf certificate's key usage does not include digitalSignature, or the certificate has no key usage. */
public final class CertificateWrongPurposeException extends CardValidationException {

    public static final String ERROR_CODE = "card_certificate_wrong_purpose";

    public CertificateWrongPurposeException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
