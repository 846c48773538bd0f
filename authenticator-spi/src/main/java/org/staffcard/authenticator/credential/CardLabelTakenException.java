package org.staffcard.authenticator.credential;

/** The label asked for is already the label of another credential of the account, which Keycloak refuses. */
public final class CardLabelTakenException extends CardBindingException {

    public static final String ERROR_CODE = "card_label_taken";

    CardLabelTakenException(String message) {
        super(ERROR_CODE, message);
    }
}
