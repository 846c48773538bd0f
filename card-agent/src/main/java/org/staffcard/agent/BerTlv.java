package org.staffcard.agent;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the BER-TLV of PIV data objects and templates (SP 800-73-4 part 1, appendix A): tags of one to three
 * bytes, definite lengths of up to three bytes. Anything else is a card failure, never a guess.
 */
final class BerTlv {

    private BerTlv() {
    }

    /** The value of the first top-level element with {@code tag}, or empty when there is none. */
    static Optional<byte[]> find(byte[] data, int tag, String what) throws CardFailureException {
        int offset = 0;
        while (offset < data.length) {
            int elementTag = data[offset++] & 0xFF;
            if ((elementTag & 0x1F) == 0x1F) {
                // A multi-byte tag continues while bit 8 of the next byte is set.
                int tagBytes = 1;
                do {
                    if (offset >= data.length || ++tagBytes > 3) {
                        throw new CardFailureException(what + " has a malformed tag");
                    }
                    elementTag = (elementTag << 8) | (data[offset] & 0xFF);
                } while ((data[offset++] & 0x80) != 0);
            }
            if (offset >= data.length) {
                throw new CardFailureException(what + " ends inside a tag");
            }
            int length = data[offset++] & 0xFF;
            if (length >= 0x80) {
                int lengthBytes = length & 0x7F;
                if (lengthBytes == 0 || lengthBytes > 3 || offset + lengthBytes > data.length) {
                    throw new CardFailureException(what + " has a malformed length");
                }
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = (length << 8) | (data[offset++] & 0xFF);
                }
            }
            if (length > data.length - offset) {
                throw new CardFailureException(what + " declares more bytes than the card sent");
            }
            if (elementTag == tag) {
                return Optional.of(Arrays.copyOfRange(data, offset, offset + length));
            }
            offset += length;
        }
        return Optional.empty();
    }

    static byte[] encode(int tag, byte[] value) {
        int tagBytes = tag > 0xFFFF ? 3 : tag > 0xFF ? 2 : 1;
        int lengthBytes = value.length < 0x80 ? 1 : value.length <= 0xFF ? 2 : 3;
        byte[] out = new byte[tagBytes + lengthBytes + value.length];
        int offset = 0;
        for (int shift = 8 * (tagBytes - 1); shift >= 0; shift -= 8) {
            out[offset++] = (byte) (tag >> shift);
        }
        if (lengthBytes == 2) {
            out[offset++] = (byte) 0x81;
        } else if (lengthBytes == 3) {
            out[offset++] = (byte) 0x82;
            out[offset++] = (byte) (value.length >> 8);
        }
        out[offset++] = (byte) value.length;
        System.arraycopy(value, 0, out, offset, value.length);
        return out;
    }
}
