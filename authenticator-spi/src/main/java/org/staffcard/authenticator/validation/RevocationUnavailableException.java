package org.staffcard.authenticator.validation;

/**
 * The revocation status of the card's certificate could not be learned: the responder or CRL could not be reached,
 * answered too slowly, answered with something that could not be trusted, or the data it gave was stale. The card
 * may be fine; the user is asked to try again later.
 */
public final class RevocationUnavailableException extends CardValidationException {

    public static final String ERROR_CODE = "card_revocation_unavailable";

    public RevocationUnavailableException(CertificateIdentity leaf, String adminDetail, Throwable cause) {
        super(ERROR_CODE, leaf, adminDetail, cause);
    }
}
