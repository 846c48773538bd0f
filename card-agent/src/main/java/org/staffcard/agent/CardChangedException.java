package org.staffcard.agent;

import org.staffcard.protocol.AgentErrorCode;

/**
 * Another card was put on the reader between reading the card user ID and signing. It is answered as
 * {@code CARD_REMOVED}: the card the user typed the PIN for is gone, and the new card must never sign under the old
 * card's user ID.
 */
public final class CardChangedException extends AgentException {

    public CardChangedException(String message) {
        super(AgentErrorCode.CARD_REMOVED, message);
    }
}
