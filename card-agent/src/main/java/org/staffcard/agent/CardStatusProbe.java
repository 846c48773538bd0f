package org.staffcard.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers "could a signature start now?" for the status endpoint: a reader, one card, and a JPKI application on it.
 * It only selects the application; it never reads the certificate or touches the PIN.
 */
final class CardStatusProbe {

    private static final Logger LOG = Logger.getLogger(CardStatusProbe.class.getName());

    private static final long WAIT_FOR_CARD_SECONDS = 3;

    private final CardReaderService readers;
    private final ReentrantLock cardAccess;

    CardStatusProbe(CardReaderService readers, ReentrantLock cardAccess) {
        this.readers = readers;
        this.cardAccess = cardAccess;
    }

    ReaderState state() {
        // A status request must not slip between a signing step's VERIFY and SIGN: selecting the application can
        // reset the card's security state. A step lasts well under a second; one that holds the card longer is
        // using it, so the card is there.
        if (!lockCard()) {
            return ReaderState.READY;
        }
        try (CardSession session = readers.connect()) {
            return session.jpki().hasJpkiApplication() ? ReaderState.READY : ReaderState.CARD_UNSUPPORTED;
        } catch (AgentException e) {
            LOG.log(Level.FINE, "card status: " + e.getMessage());
            return stateOf(e);
        } finally {
            cardAccess.unlock();
        }
    }

    private boolean lockCard() {
        try {
            return cardAccess.tryLock(WAIT_FOR_CARD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static ReaderState stateOf(AgentException failure) {
        return switch (failure.code()) {
            case NO_READER -> ReaderState.NO_READER;
            case MULTIPLE_CARDS -> ReaderState.MULTIPLE_CARDS;
            case READER_SERVICE_UNAVAILABLE -> ReaderState.READER_SERVICE_UNAVAILABLE;
            case PCSC_LIBRARY_NOT_FOUND -> ReaderState.PCSC_LIBRARY_NOT_FOUND;
            case CARD_UNSUPPORTED, CARD_ERROR -> ReaderState.CARD_UNSUPPORTED;
            default -> ReaderState.NO_CARD;
        };
    }
}
