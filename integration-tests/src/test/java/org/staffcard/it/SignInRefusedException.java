package org.staffcard.it;

/** A step of a sign-in answered otherwise than a successful sign-in does; the message names the step. */
final class SignInRefusedException extends Exception {

    SignInRefusedException(String message) {
        super(message);
    }
}
