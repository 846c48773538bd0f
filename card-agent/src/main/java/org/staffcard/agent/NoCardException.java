package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** A reader is connected but holds no card. */
public final class NoCardException extends AgentException {

    public NoCardException(String message) {
        super(AgentErrorCode.NO_CARD, message);
    }

    public NoCardException(String message, Throwable cause) {
        super(AgentErrorCode.NO_CARD, message, cause);
    }
}
