package org.staffcard.authenticator.credential;

/**
 * A card that cannot be bound to an account, or a binding that cannot be changed as asked. Each cause is its own
 * subclass with a stable error code, which the admin API answers and the enrolment page turns into a message.
 */
public abstract sealed class CardBindingException extends Exception
        permits CardUserIdMalformedException, CardUserIdTakenException, CardUserIdMismatchException,
        CardAlreadyBoundException, CardUserIdNotWritableException, CardAlreadyRevokedException,
        CardLabelTakenException, CardKeyTakenException {

    private final String errorCode;

    CardBindingException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public final String errorCode() {
        return errorCode;
    }
}
