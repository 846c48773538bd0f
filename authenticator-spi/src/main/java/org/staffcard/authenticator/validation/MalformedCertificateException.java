package org.staffcard.authenticator.validation;

/** A certificate of the assertion is not a single X.509 certificate in DER, or the chain has the wrong length. */
public final class MalformedCertificateException extends CardValidationException {

    public static final String ERROR_CODE = "invalid_card_assertion";

    public MalformedCertificateException(String adminDetail, Throwable cause) {
        super(ERROR_CODE, null, adminDetail, cause);
    }
}
