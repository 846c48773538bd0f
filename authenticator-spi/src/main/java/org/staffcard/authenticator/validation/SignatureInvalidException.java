package org.staffcard.authenticator.validation;

/**
 * The signature does not verify over the bytes this server rebuilt from its own origin and challenge, or the leaf's
 * key is not of the kind and size the declared algorithm signs with.
 */
public final class SignatureInvalidException extends CardValidationException {

    public static final String ERROR_CODE = "card_signature_invalid";

    public SignatureInvalidException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
