package org.staffcard.agent;

import java.util.logging.Logger;

/**
 * Runs a card step on the card in one reader and, when the card is reset in the middle of it, reconnects and runs the
 * whole step once more: the step selects the application again and verifies the PIN again if it needs it, since a
 * reset forgets both. A second reset in a row answers CARD_REMOVED; the user then puts the card back and tries again.
 */
final class CardResetRetry {

    private static final Logger LOG = Logger.getLogger(CardResetRetry.class.getName());

    private final CardReaderService readers;

    CardResetRetry(CardReaderService readers) {
        this.readers = readers;
    }

    <T> T run(String readerName, String stepName, CardStep<T> step) throws AgentException {
        try (CardSession session = readers.connect(readerName)) {
            return step.run(session);
        } catch (CardResetException first) {
            LOG.info("The card in reader '" + readerName + "' was reset during " + stepName
                    + "; reconnecting and running the step once more");
        }

        try (CardSession session = readers.connect(readerName)) {
            return step.run(session);
        } catch (CardResetException second) {
            throw new CardRemovedException("the card was reset again during " + stepName + " after reconnecting",
                    second);
        }
    }
}
