package org.staffcard.authenticator.credential;

/** Another account of the realm holds this card user ID (case ignored). */
public final class CardUserIdTakenException extends CardBindingException {

    public static final String ERROR_CODE = "card_user_id_taken";

    CardUserIdTakenException(String message) {
        super(ERROR_CODE, message);
    }
}
