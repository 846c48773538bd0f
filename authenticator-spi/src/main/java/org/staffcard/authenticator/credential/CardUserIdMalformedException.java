package org.staffcard.authenticator.credential;

/** The card user ID is not 1 to 64 characters of letters, digits, '.', '_' and '-'. */
public final class CardUserIdMalformedException extends CardBindingException {

    public static final String ERROR_CODE = "card_user_id_malformed";

    CardUserIdMalformedException(String message) {
        super(ERROR_CODE, message);
    }
}
