package org.staffcard.agent;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps test terminals and watches the agent's use of them: how many card connections are open right now, and how
 * long the card itself took to answer (the time inside transmit), so a measurement can take the card's time out.
 */
final class ObservedTerminals extends CardTerminals {

    private final CardTerminals inner;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong cardNanos = new AtomicLong();

    ObservedTerminals(CardTerminals inner) {
        this.inner = inner;
    }

    int openConnections() {
        return openConnections.get();
    }

    long cardNanos() {
        return cardNanos.get();
    }

    @Override
    public List<CardTerminal> list(State state) throws CardException {
        List<CardTerminal> wrapped = new ArrayList<>();
        for (CardTerminal terminal : inner.list(state)) {
            wrapped.add(new Terminal(terminal));
        }
        return wrapped;
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
        return inner.waitForChange(timeout);
    }

    private final class Terminal extends CardTerminal {

        private final CardTerminal inner;

        Terminal(CardTerminal inner) {
            this.inner = inner;
        }

        @Override
        public String getName() {
            return inner.getName();
        }

        @Override
        public Card connect(String protocol) throws CardException {
            Card card = inner.connect(protocol);
            openConnections.incrementAndGet();
            return new ObservedCard(card);
        }

        @Override
        public boolean isCardPresent() throws CardException {
            return inner.isCardPresent();
        }

        @Override
        public boolean waitForCardPresent(long timeout) throws CardException {
            return inner.waitForCardPresent(timeout);
        }

        @Override
        public boolean waitForCardAbsent(long timeout) throws CardException {
            return inner.waitForCardAbsent(timeout);
        }
    }

    private final class ObservedCard extends Card {

        private final Card inner;
        private boolean open = true;

        ObservedCard(Card inner) {
            this.inner = inner;
        }

        @Override
        public ATR getATR() {
            return inner.getATR();
        }

        @Override
        public String getProtocol() {
            return inner.getProtocol();
        }

        @Override
        public CardChannel getBasicChannel() {
            return new TimedChannel(this, inner.getBasicChannel());
        }

        @Override
        public CardChannel openLogicalChannel() throws CardException {
            return inner.openLogicalChannel();
        }

        @Override
        public void beginExclusive() throws CardException {
            inner.beginExclusive();
        }

        @Override
        public void endExclusive() throws CardException {
            inner.endExclusive();
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            return inner.transmitControlCommand(controlCode, command);
        }

        @Override
        public synchronized void disconnect(boolean reset) throws CardException {
            if (open) {
                open = false;
                openConnections.decrementAndGet();
            }
            inner.disconnect(reset);
        }
    }

    private final class TimedChannel extends CardChannel {

        private final Card card;
        private final CardChannel inner;

        TimedChannel(Card card, CardChannel inner) {
            this.card = card;
            this.inner = inner;
        }

        @Override
        public Card getCard() {
            return card;
        }

        @Override
        public int getChannelNumber() {
            return inner.getChannelNumber();
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            long start = System.nanoTime();
            try {
                return inner.transmit(command);
            } finally {
                cardNanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
            long start = System.nanoTime();
            try {
                return inner.transmit(command, response);
            } finally {
                cardNanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public void close() throws CardException {
            inner.close();
        }
    }
}
