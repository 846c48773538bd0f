package org.staffcard.virtualcard;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;

/** A connection to the virtual card in an {@link InProcessCardTerminal}; it lasts until that card is removed. */
final class InProcessCard extends Card {

    private final InProcessCardTerminal terminal;
    private final VirtualCard card;
    private final long insertion;
    private final String protocol;
    private final InProcessCardChannel basicChannel;
    private volatile boolean disconnected;

    InProcessCard(InProcessCardTerminal terminal, VirtualCard card, long insertion, String protocol) {
        this.terminal = terminal;
        this.card = card;
        this.insertion = insertion;
        this.protocol = protocol;
        this.basicChannel = new InProcessCardChannel(this);
    }

    @Override
    public ATR getATR() {
        return new ATR(card.atr());
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public CardChannel getBasicChannel() {
        checkConnected();
        return basicChannel;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        checkConnected();
        throw new CardException("the virtual card has no logical channels");
    }

    /** A no-op: tests share nothing with other processes, so there is no one to exclude. */
    @Override
    public void beginExclusive() {
        checkConnected();
    }

    @Override
    public void endExclusive() {
        checkConnected();
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        checkConnected();
        throw new CardException("the in-process reader has no control commands");
    }

    @Override
    public void disconnect(boolean reset) {
        if (!disconnected && reset && terminal.holds(card, insertion)) {
            card.reset();
        }
        disconnected = true;
    }

    InProcessCardTerminal terminal() {
        return terminal;
    }

    /** The card's answer, or a refusal when the card of this connection is no longer in the terminal. */
    byte[] transmit(byte[] command) throws CardException {
        checkConnected();
        if (!terminal.holds(card, insertion)) {
            throw new CardNotPresentException("the card was removed from " + terminal.getName());
        }
        return card.transmit(command);
    }

    /** Same as the JDK's PC/SC card: using a connection after disconnect is a programming error. */
    void checkConnected() {
        if (disconnected) {
            throw new IllegalStateException("the card connection was disconnected");
        }
    }
}
