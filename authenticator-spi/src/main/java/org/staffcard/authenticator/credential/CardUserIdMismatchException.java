package org.staffcard.authenticator.credential;

/** The card's user ID is not the one recorded for this account. */
public final class CardUserIdMismatchException extends CardBindingException {

    public static final String ERROR_CODE = "card_user_id_mismatch";

    CardUserIdMismatchException(String message) {
        super(ERROR_CODE, message);
    }
}
