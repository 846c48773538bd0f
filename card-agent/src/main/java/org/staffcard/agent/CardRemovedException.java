package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The card went away while the agent was using it; nothing read from it before is used again. */
public final class CardRemovedException extends AgentException {

    public CardRemovedException(String message) {
        super(AgentErrorCode.CARD_REMOVED, message);
    }

    public CardRemovedException(String message, Throwable cause) {
        super(AgentErrorCode.CARD_REMOVED, message, cause);
    }
}
