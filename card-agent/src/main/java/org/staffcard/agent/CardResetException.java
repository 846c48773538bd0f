package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/**
 * Another program reset the card in the middle of a step ({@code SCARD_W_RESET_CARD}); Windows does this to a
 * transaction idle for about five seconds. The card is still there but has forgotten every selection and verified
 * PIN. If it escapes the one retry, the page gets CARD_REMOVED.
 */
public final class CardResetException extends AgentException {

    public CardResetException(String message, Throwable cause) {
        super(AgentErrorCode.CARD_REMOVED, message, cause);
    }
}
