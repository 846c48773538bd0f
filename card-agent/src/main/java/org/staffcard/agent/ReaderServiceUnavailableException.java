package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The PC/SC service is not running or was restarted under the agent. */
public final class ReaderServiceUnavailableException extends AgentException {

    public ReaderServiceUnavailableException(String message) {
        super(AgentErrorCode.READER_SERVICE_UNAVAILABLE, message);
    }

    public ReaderServiceUnavailableException(String message, Throwable cause) {
        super(AgentErrorCode.READER_SERVICE_UNAVAILABLE, message, cause);
    }
}
