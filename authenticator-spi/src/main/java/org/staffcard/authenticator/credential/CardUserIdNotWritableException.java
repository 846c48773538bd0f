package org.staffcard.authenticator.credential;

/**
 * The account's cardUserId cannot be written here: it is read-only, typically mapped from a directory, where it must
 * be set first.
 */
public final class CardUserIdNotWritableException extends CardBindingException {

    public static final String ERROR_CODE = "card_user_id_not_writable";

    CardUserIdNotWritableException(String message) {
        super(ERROR_CODE, message);
    }
}
