package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** More signature requests in the last minute than the configured limit. */
public final class RateLimitedException extends AgentException {

    public RateLimitedException(String message) {
        super(AgentErrorCode.RATE_LIMITED, message);
    }

    public RateLimitedException(String message, Throwable cause) {
        super(AgentErrorCode.RATE_LIMITED, message, cause);
    }
}
