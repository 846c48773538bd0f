package org.staffcard.agent;

/** Why {@code login} stopped, with the exit code and the next step a person (or an admin) should take. */
final class LoginFailedException extends Exception {

    private final LoginExit exit;
    private final String nextStep;

    LoginFailedException(LoginExit exit, String message, String nextStep) {
        super(message);
        this.exit = exit;
        this.nextStep = nextStep;
    }

    LoginFailedException(LoginExit exit, String message, String nextStep, Throwable cause) {
        super(message, cause);
        this.exit = exit;
        this.nextStep = nextStep;
    }

    LoginExit exit() {
        return exit;
    }

    String nextStep() {
        return nextStep;
    }
}
