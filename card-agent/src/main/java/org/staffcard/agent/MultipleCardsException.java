package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** Several readers hold a card and the configuration names none of them. */
public final class MultipleCardsException extends AgentException {

    public MultipleCardsException(String message) {
        super(AgentErrorCode.MULTIPLE_CARDS, message);
    }

    public MultipleCardsException(String message, Throwable cause) {
        super(AgentErrorCode.MULTIPLE_CARDS, message, cause);
    }
}
