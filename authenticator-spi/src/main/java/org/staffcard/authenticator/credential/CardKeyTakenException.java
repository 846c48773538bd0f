package org.staffcard.authenticator.credential;

/** The card's certificate key is bound, not revoked, to another account: one card belongs to one person. */
public final class CardKeyTakenException extends CardBindingException {

    public static final String ERROR_CODE = "card_key_taken";

    CardKeyTakenException(String message) {
        super(ERROR_CODE, message);
    }
}
