package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The request body is over the protocol's 1024 bytes. */
public final class RequestTooLargeException extends AgentException {

    public RequestTooLargeException(String message) {
        super(AgentErrorCode.REQUEST_TOO_LARGE, message);
    }

    public RequestTooLargeException(String message, Throwable cause) {
        super(AgentErrorCode.REQUEST_TOO_LARGE, message, cause);
    }
}
