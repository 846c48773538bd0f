package org.staffcard.virtualcard;

import java.nio.ByteBuffer;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** The basic channel of an {@link InProcessCard}; the answer is the card's own, with no automatic GET RESPONSE. */
final class InProcessCardChannel extends CardChannel {

    private final InProcessCard card;

    InProcessCardChannel(InProcessCard card) {
        this.card = card;
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        card.checkConnected();
        return 0;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardException {
        return new ResponseAPDU(card.transmit(command.getBytes()));
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
        byte[] commandBytes = new byte[command.remaining()];
        command.get(commandBytes);
        byte[] answer = card.transmit(commandBytes);
        response.put(answer);
        return answer.length;
    }

    /** The basic channel cannot be closed, as javax.smartcardio specifies. */
    @Override
    public void close() {
        throw new IllegalStateException("the basic channel cannot be closed");
    }
}
