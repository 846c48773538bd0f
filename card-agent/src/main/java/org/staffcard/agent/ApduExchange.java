package org.staffcard.agent;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import java.io.ByteArrayOutputStream;

/**
 * Sends command APDUs and handles the ISO 7816-4 answers that only mean "ask again": {@code 61 xx} (more data,
 * fetched with GET RESPONSE) and {@code 6C xx} (wrong Le, resent with Le = xx). T=0 cards answer these to ordinary
 * commands; readers that took them for errors failed, and one looped forever on {@code 61 00}, so both the number of
 * rounds and the size of the joined answer are bounded.
 */
final class ApduExchange {

    /** Far above any JPKI answer (a certificate is read in chunks); a card asking for more is misbehaving. */
    static final int MAX_RESPONSE_BYTES = 8 * 1024;

    static final int MAX_GET_RESPONSE_ROUNDS = 64;

    private static final int SW_OK = 0x9000;
    private static final int MAX_SHORT_LC = 255;
    private static final int CHAINING_BIT = 0x10;

    private final CardChannel channel;

    ApduExchange(CardChannel channel) {
        this.channel = channel;
    }

    /** The card's final answer, with the data of all GET RESPONSE rounds joined in order. */
    ResponseAPDU transmit(CommandAPDU command) throws AgentException {
        ResponseAPDU response = sendCorrectingLe(command);
        if (response.getSW1() != 0x61) {
            return response;
        }

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(response.getData());
        int rounds = 0;
        while (response.getSW1() == 0x61) {
            rounds++;
            if (rounds > MAX_GET_RESPONSE_ROUNDS) {
                throw new CardFailureException("card kept answering 61 xx after " + MAX_GET_RESPONSE_ROUNDS
                        + " GET RESPONSE rounds");
            }
            response = sendCorrectingLe(new CommandAPDU(0x00, 0xC0, 0x00, 0x00, lengthOf(response.getSW2())));
            joined.writeBytes(response.getData());
            if (joined.size() > MAX_RESPONSE_BYTES) {
                throw new CardFailureException("card answer exceeds " + MAX_RESPONSE_BYTES + " bytes");
            }
        }

        joined.write(response.getSW1());
        joined.write(response.getSW2());
        return new ResponseAPDU(joined.toByteArray());
    }

    /**
     * Sends a command whose data may exceed one short APDU as a chain (ISO 7816-4, CLA bit 10): parts of 255 bytes
     * without Le, each answered 90 00, then the last part with {@code ne}. A part refused by the card ends the chain
     * and its answer is returned.
     */
    ResponseAPDU transmitChained(int cla, int ins, int p1, int p2, byte[] data, int ne) throws AgentException {
        int offset = 0;
        while (data.length - offset > MAX_SHORT_LC) {
            ResponseAPDU part = transmit(new CommandAPDU(cla | CHAINING_BIT, ins, p1, p2, data, offset, MAX_SHORT_LC));
            if (part.getSW() != SW_OK) {
                return part;
            }
            offset += MAX_SHORT_LC;
        }
        return transmit(new CommandAPDU(cla, ins, p1, p2, data, offset, data.length - offset, ne));
    }

    /** Like {@link #transmit} but anything other than 90 00 is a card failure naming the step. */
    byte[] transmitExpectingOk(CommandAPDU command, String step) throws AgentException {
        ResponseAPDU response = transmit(command);
        if (response.getSW() != SW_OK) {
            throw new CardFailureException(step + " failed with status word " + statusWord(response));
        }
        return response.getData();
    }

    static String statusWord(ResponseAPDU response) {
        return String.format("%04X", response.getSW());
    }

    private ResponseAPDU sendCorrectingLe(CommandAPDU command) throws AgentException {
        ResponseAPDU response = send(command);
        if (response.getSW1() == 0x6C) {
            response = send(withLe(command, lengthOf(response.getSW2())));
        }
        if (response.getSW1() == 0x6C) {
            throw new CardFailureException("card answered 6C xx twice for the same command");
        }
        return response;
    }

    private ResponseAPDU send(CommandAPDU command) throws AgentException {
        try {
            return channel.transmit(command);
        } catch (CardException | IllegalStateException e) {
            throw PcscFailure.whileUsingCard(e);
        } catch (IllegalArgumentException e) {
            // A card that dies mid-command makes the JDK throw this instead of CardException.
            throw new CardRemovedException("the card stopped answering in the middle of a command", e);
        }
    }

    private static CommandAPDU withLe(CommandAPDU command, int le) {
        byte[] data = command.getData();
        if (data.length == 0) {
            return new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), le);
        }
        return new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), data, le);
    }

    /** In a short APDU a length byte of 00 means 256. */
    private static int lengthOf(int sw2) {
        return sw2 == 0 ? 256 : sw2;
    }
}
