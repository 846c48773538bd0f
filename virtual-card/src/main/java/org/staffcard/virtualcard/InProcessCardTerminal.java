package org.staffcard.virtualcard;

import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/**
 * One reader of {@link InProcessCardTerminals}. Its state is guarded by the owning terminals object, so a wait on
 * the whole set sees every insertion and removal.
 */
public final class InProcessCardTerminal extends CardTerminal {

    private final String name;
    private final InProcessCardTerminals owner;
    private VirtualCard card;
    /** Counts insertions, so a card connection can tell that its card was taken out, even if put back since. */
    private long insertionNumber;

    InProcessCardTerminal(String name, InProcessCardTerminals owner) {
        this.name = name;
        this.owner = owner;
    }

    @Override
    public String getName() {
        return name;
    }

    /** Puts a card in; like a reader powering a fresh card, it resets the card first. */
    public void insertCard(VirtualCard newCard) {
        synchronized (owner) {
            if (card != null) {
                throw new IllegalStateException("terminal " + name + " already holds a card; remove it first");
            }
            newCard.reset();
            card = newCard;
            insertionNumber++;
            owner.cardChanged();
        }
    }

    /** Takes the card out; open connections to it fail from now on with {@link CardNotPresentException}. */
    public void removeCard() {
        synchronized (owner) {
            if (card != null) {
                card.reset();
                card = null;
                owner.cardChanged();
            }
        }
    }

    public Optional<VirtualCard> card() {
        synchronized (owner) {
            return Optional.ofNullable(card);
        }
    }

    @Override
    public Card connect(String protocol) throws CardException {
        if (!"*".equals(protocol) && !"T=0".equals(protocol) && !"T=1".equals(protocol)) {
            throw new IllegalArgumentException("unsupported protocol " + protocol);
        }
        synchronized (owner) {
            if (card == null) {
                throw new CardNotPresentException("no card in terminal " + name);
            }
            return new InProcessCard(this, card, insertionNumber, "*".equals(protocol) ? "T=1" : protocol);
        }
    }

    @Override
    public boolean isCardPresent() {
        synchronized (owner) {
            return card != null;
        }
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitFor(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitFor(false, timeout);
    }

    long insertionNumber() {
        synchronized (owner) {
            return insertionNumber;
        }
    }

    /** Whether the card of the given insertion is still in this terminal. */
    boolean holds(VirtualCard candidate, long insertion) {
        synchronized (owner) {
            return card == candidate && insertionNumber == insertion;
        }
    }

    private boolean waitFor(boolean present, long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = timeout == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeout;
        synchronized (owner) {
            while ((card != null) != present) {
                long remaining = deadline - System.currentTimeMillis();
                if (remaining <= 0) {
                    return false;
                }
                owner.awaitChange(remaining);
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "InProcessCardTerminal[" + name + "]";
    }
}
