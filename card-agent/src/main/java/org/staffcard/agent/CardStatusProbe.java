package org.staffcard.agent;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers "could a signature start now?" for the status endpoint: a reader, one card, and a JPKI or PIV application
 * on it. It only selects the applications; it never reads the certificate or touches the PIN.
 */
final class CardStatusProbe {

    private static final Logger LOG = Logger.getLogger(CardStatusProbe.class.getName());

    private static final long WAIT_FOR_CARD_MILLIS = 3000;

    private final CardReaderService readers;
    private final ReentrantLock cardAccess;
    /** Detection only selects applications, so the free-area setting does not matter here. */
    private final CardProfiles profiles = CardProfiles.standard(Optional.empty());

    /** Whether the PIN source lets the user pick one of several cards; then several cards are READY. */
    private final boolean userChoosesAmongCards;

    CardStatusProbe(CardReaderService readers, ReentrantLock cardAccess) {
        this(readers, cardAccess, false);
    }

    CardStatusProbe(CardReaderService readers, ReentrantLock cardAccess, boolean userChoosesAmongCards) {
        this.readers = readers;
        this.cardAccess = cardAccess;
        this.userChoosesAmongCards = userChoosesAmongCards;
    }

    ReaderState state() {
        return state(WAIT_FOR_CARD_MILLIS);
    }

    /** Like {@link #state()}, waiting at most {@code waitMillis} for a signing step to let go of the card. */
    ReaderState state(long waitMillis) {
        return status(waitMillis).state();
    }

    /** Like {@link #status(long)} with the usual wait for a signing step. */
    CardStatus status() {
        return status(WAIT_FOR_CARD_MILLIS);
    }

    /**
     * The state and, when a card is ready, the name of its profile ({@code JPKI} or {@code PIV}). While a signing
     * step holds the card the profile is not looked at, so the answer is READY without a profile name.
     */
    CardStatus status(long waitMillis) {
        // A status request must not slip between a signing step's VERIFY and SIGN: selecting the application can
        // reset the card's security state. A step lasts well under a second; one that holds the card longer is
        // using it, so the card is there.
        if (!lockCard(waitMillis)) {
            return new CardStatus(ReaderState.READY, Optional.empty());
        }
        try (CardSession session = readers.connect()) {
            Optional<CardProfile> profile = profiles.detect(session.exchange());
            return profile.map(found -> new CardStatus(ReaderState.READY, Optional.of(found.name())))
                    .orElseGet(() -> new CardStatus(ReaderState.CARD_UNSUPPORTED, Optional.empty()));
        } catch (MultipleCardsException e) {
            // The page starts a sign-in only when READY; the user then picks the card in the agent's own window.
            ReaderState state = userChoosesAmongCards ? ReaderState.READY : ReaderState.MULTIPLE_CARDS;
            return new CardStatus(state, Optional.empty());
        } catch (AgentException e) {
            LOG.log(Level.FINE, "card status: " + e.getMessage());
            return new CardStatus(stateOf(e), Optional.empty());
        } finally {
            cardAccess.unlock();
        }
    }

    private boolean lockCard(long waitMillis) {
        try {
            return cardAccess.tryLock(waitMillis, TimeUnit.MILLISECONDS);
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
