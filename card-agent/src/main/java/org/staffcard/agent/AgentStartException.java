package org.staffcard.agent;

/** The agent could not start serving; the message says what to do. */
public class AgentStartException extends Exception {

    public AgentStartException(String message) {
        super(message);
    }

    public AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
