package org.staffcard.agent;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import java.io.ByteArrayOutputStream;

/**
 * Reads one DER object from the currently selected elementary file with READ BINARY: the first bytes give the
 * DER length, then the rest is read in chunks. The file's own length is never trusted beyond
 * {@link #MAX_FILE_BYTES}, and a read that makes no progress ends the loop.
 */
final class DerFileReader {

    static final int MAX_FILE_BYTES = 8 * 1024;

    /** Enough for a tag and a length of up to four bytes. */
    private static final int HEADER_BYTES = 8;

    /** 255 rather than 256: some cards misread Le = 00 in READ BINARY. */
    private static final int CHUNK_BYTES = 255;

    private final ApduExchange exchange;

    DerFileReader(ApduExchange exchange) {
        this.exchange = exchange;
    }

    byte[] read(String what) throws AgentException {
        byte[] head = readAt(0, HEADER_BYTES, what);
        int total = derLength(head, what);
        if (total > MAX_FILE_BYTES) {
            throw new CardFailureException(what + " declares " + total + " bytes, over " + MAX_FILE_BYTES);
        }

        ByteArrayOutputStream content = new ByteArrayOutputStream(total);
        content.write(head, 0, Math.min(head.length, total));
        while (content.size() < total) {
            int wanted = Math.min(CHUNK_BYTES, total - content.size());
            byte[] chunk = readAt(content.size(), wanted, what);
            if (chunk.length == 0) {
                throw new CardFailureException(what + " ended after " + content.size() + " of " + total + " bytes");
            }
            content.write(chunk, 0, Math.min(chunk.length, total - content.size()));
        }
        return content.toByteArray();
    }

    private byte[] readAt(int offset, int length, String what) throws AgentException {
        CommandAPDU readBinary = new CommandAPDU(0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, length);
        ResponseAPDU response = exchange.transmit(readBinary);
        if (response.getSW() != 0x9000) {
            throw new CardFailureException("reading " + what + " at offset " + offset + " failed with status word "
                    + ApduExchange.statusWord(response));
        }
        return response.getData();
    }

    /** Total length (header included) of the DER object that starts {@code head}. */
    static int derLength(byte[] head, String what) throws CardFailureException {
        if (head.length < 2) {
            throw new CardFailureException(what + " is too short to hold a DER object");
        }
        int first = head[1] & 0xFF;
        if (first < 0x80) {
            return 2 + first;
        }
        int lengthBytes = first & 0x7F;
        if (lengthBytes == 0 || lengthBytes > 3 || head.length < 2 + lengthBytes) {
            throw new CardFailureException(what + " does not start with a definite DER length");
        }
        int length = 0;
        for (int i = 0; i < lengthBytes; i++) {
            length = (length << 8) | (head[2 + i] & 0xFF);
        }
        return 2 + lengthBytes + length;
    }
}
