package org.staffcard.authenticator.credential;

/** This card was already revoked. */
public final class CardAlreadyRevokedException extends CardBindingException {

    public static final String ERROR_CODE = "card_already_revoked";

    CardAlreadyRevokedException(String message) {
        super(ERROR_CODE, message);
    }
}
