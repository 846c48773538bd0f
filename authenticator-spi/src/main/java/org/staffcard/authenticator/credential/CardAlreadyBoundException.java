package org.staffcard.authenticator.credential;

/** This card's certificate key is already bound to the account. */
public final class CardAlreadyBoundException extends CardBindingException {

    public static final String ERROR_CODE = "card_already_bound";

    CardAlreadyBoundException(String message) {
        super(ERROR_CODE, message);
    }
}
