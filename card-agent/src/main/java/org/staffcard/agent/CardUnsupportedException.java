package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/** The card answers, but it is not a staff card of the JPKI profile as configured. */
public final class CardUnsupportedException extends AgentException {

    public CardUnsupportedException(String message) {
        super(AgentErrorCode.CARD_UNSUPPORTED, message);
    }

    public CardUnsupportedException(String message, Throwable cause) {
        super(AgentErrorCode.CARD_UNSUPPORTED, message, cause);
    }
}
