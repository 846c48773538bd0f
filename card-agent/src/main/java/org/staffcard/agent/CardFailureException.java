package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The card failed in a way the agent cannot recover from; the message carries the status word. */
public final class CardFailureException extends AgentException {

    public CardFailureException(String message) {
        super(AgentErrorCode.CARD_ERROR, message);
    }

    public CardFailureException(String message, Throwable cause) {
        super(AgentErrorCode.CARD_ERROR, message, cause);
    }
}
