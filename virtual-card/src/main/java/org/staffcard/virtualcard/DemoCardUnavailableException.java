package org.staffcard.virtualcard;

/** The demo card's resources are missing or damaged in this build; the jar was built wrongly. */
public final class DemoCardUnavailableException extends RuntimeException {

    DemoCardUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
