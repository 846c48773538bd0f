package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The request's Origin header is missing, "null" or not on the agent's allow-list. */
public final class OriginNotAllowedException extends AgentException {

    public OriginNotAllowedException(String message) {
        super(AgentErrorCode.ORIGIN_NOT_ALLOWED, message);
    }

    public OriginNotAllowedException(String message, Throwable cause) {
        super(AgentErrorCode.ORIGIN_NOT_ALLOWED, message, cause);
    }
}
