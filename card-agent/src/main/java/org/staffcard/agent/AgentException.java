package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/**
 * A failure the agent answers to the page as one of the protocol's error codes. Each kind of failure has its own
 * subclass, so a log line and a test both say exactly what went wrong.
 */
public abstract class AgentException extends Exception {

    private final AgentErrorCode code;

    protected AgentException(AgentErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    protected AgentException(AgentErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public final AgentErrorCode code() {
        return code;
    }
}
