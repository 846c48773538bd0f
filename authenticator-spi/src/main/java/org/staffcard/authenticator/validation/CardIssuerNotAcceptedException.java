package org.staffcard.authenticator.validation;

/**
 * The card's certificate has a sound path to a trust anchor, but its issuing CA is not one of the accepted card
 * issuers of the configuration (for example a sibling sub-CA under the same national root).
 */
public final class CardIssuerNotAcceptedException extends CardValidationException {

    public static final String ERROR_CODE = "card_issuer_not_accepted";

    public CardIssuerNotAcceptedException(CertificateIdentity leaf, String adminDetail) {
        super(ERROR_CODE, leaf, adminDetail, null);
    }
}
