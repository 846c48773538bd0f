package org.staffcard.agent;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection to the card, for one step of a request. Closing resets the card, so a verified PIN never outlives
 * the step that verified it, whoever connects next.
 */
final class CardSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CardSession.class.getName());

    private final Card card;
    private final ApduExchange exchange;

    CardSession(Card card) {
        this.card = card;
        this.exchange = new ApduExchange(card.getBasicChannel());
    }

    ApduExchange exchange() {
        return exchange;
    }

    /** The JPKI functions of the card, for callers that only handle JPKI cards. */
    JpkiCard jpki() {
        return new JpkiCard(exchange);
    }

    @Override
    public void close() {
        try {
            card.disconnect(true);
        } catch (CardException | IllegalStateException e) {
            // The card is already gone; there is nothing left to reset.
            LOG.log(Level.FINE, "disconnecting a card that went away", e);
        }
    }
}
