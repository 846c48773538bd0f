package org.staffcard.agent;

import org.staffcard.virtualcard.InProcessCardTerminals;

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

/**
 * In-process readers where another program resets the card: when a command with the given instruction byte is sent,
 * the card is reset (it forgets selections and a verified PIN) and the command fails as the JDK reports
 * {@code SCARD_W_RESET_CARD}; that connection keeps failing, as a PC/SC handle does after a reset, until a new one
 * is opened. It also counts the commands of each instruction sent.
 */
final class ResettingTerminals extends CardTerminals {

    private static final int VERIFY = 0x20;

    private final InProcessCardTerminals inner;
    private final int resetInstruction;
    private final AtomicInteger resetsLeft;
    private final AtomicInteger[] sent = new AtomicInteger[256];
    private final AtomicInteger pinsSent = new AtomicInteger();

    ResettingTerminals(InProcessCardTerminals inner, int resetInstruction, int resets) {
        this.inner = inner;
        this.resetInstruction = resetInstruction;
        this.resetsLeft = new AtomicInteger(resets);
        for (int i = 0; i < sent.length; i++) {
            sent[i] = new AtomicInteger();
        }
    }

    int sent(int instruction) {
        return sent[instruction].get();
    }

    /** VERIFY commands that carried a PIN, as opposed to those that only ask for the tries left. */
    int pinsSent() {
        return pinsSent.get();
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

        private final CardTerminal terminal;

        Terminal(CardTerminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public String getName() {
            return terminal.getName();
        }

        @Override
        public Card connect(String protocol) throws CardException {
            return new ResettableCard(terminal.getName(), terminal.connect(protocol));
        }

        @Override
        public boolean isCardPresent() throws CardException {
            return terminal.isCardPresent();
        }

        @Override
        public boolean waitForCardPresent(long timeout) throws CardException {
            return terminal.waitForCardPresent(timeout);
        }

        @Override
        public boolean waitForCardAbsent(long timeout) throws CardException {
            return terminal.waitForCardAbsent(timeout);
        }
    }

    private final class ResettableCard extends Card {

        private final String readerName;
        private final Card card;
        private volatile boolean wasReset;

        ResettableCard(String readerName, Card card) {
            this.readerName = readerName;
            this.card = card;
        }

        ResponseAPDU transmit(CommandAPDU command) throws CardException {
            if (wasReset) {
                throw resetFailure();
            }
            sent[command.getINS()].incrementAndGet();
            if (command.getINS() == VERIFY && command.getNc() > 0) {
                pinsSent.incrementAndGet();
            }
            if (command.getINS() == resetInstruction && resetsLeft.getAndDecrement() > 0) {
                inner.terminal(readerName).card().orElseThrow().reset();
                wasReset = true;
                throw resetFailure();
            }
            return card.getBasicChannel().transmit(command);
        }

        private CardException resetFailure() {
            return new CardException("transmit() failed", new CardException("SCARD_W_RESET_CARD"));
        }

        @Override
        public ATR getATR() {
            return card.getATR();
        }

        @Override
        public String getProtocol() {
            return card.getProtocol();
        }

        @Override
        public CardChannel getBasicChannel() {
            ResettableCard self = this;
            return new CardChannel() {
                @Override
                public Card getCard() {
                    return self;
                }

                @Override
                public int getChannelNumber() {
                    return 0;
                }

                @Override
                public ResponseAPDU transmit(CommandAPDU command) throws CardException {
                    return self.transmit(command);
                }

                @Override
                public int transmit(ByteBuffer command, ByteBuffer response) {
                    throw new UnsupportedOperationException("the agent sends CommandAPDU objects");
                }

                @Override
                public void close() {
                    throw new IllegalStateException("the basic channel cannot be closed");
                }
            };
        }

        @Override
        public CardChannel openLogicalChannel() throws CardException {
            return card.openLogicalChannel();
        }

        @Override
        public void beginExclusive() throws CardException {
            card.beginExclusive();
        }

        @Override
        public void endExclusive() throws CardException {
            card.endExclusive();
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            return card.transmitControlCommand(controlCode, command);
        }

        @Override
        public void disconnect(boolean reset) throws CardException {
            card.disconnect(reset);
        }
    }
}
