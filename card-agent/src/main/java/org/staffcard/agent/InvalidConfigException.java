package org.staffcard.agent;

/** A configuration the agent refuses at start, with the key and what is wrong with its value. */
public final class InvalidConfigException extends Exception {

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
