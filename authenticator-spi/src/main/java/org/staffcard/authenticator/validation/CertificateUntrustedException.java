package org.staffcard.authenticator.validation;

/** The certificate path does not reach a configured trust anchor, or PKIX refused it on the way. */
public final class CertificateUntrustedException extends CardValidationException {

    public static final String ERROR_CODE = "card_certificate_untrusted";

    public CertificateUntrustedException(CertificateIdentity leaf, String adminDetail, Throwable cause) {
        super(ERROR_CODE, leaf, adminDetail, cause);
    }
}
