package org.staffcard.virtualcard;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The BER-TLV of the PIV data model (SP 800-73-4 part 1, appendix A): tags of one to three bytes, definite lengths
 * of up to three bytes. Enough to build the card's data objects and to read the templates a reader sends.
 */
final class BerTlv {

    /** One element: its tag as an unsigned number (0x5FC102 for a three-byte tag) and its value. */
    record Element(int tag, byte[] value) {
    }

    private BerTlv() {
    }

    static byte[] encode(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 8);
        if (tag > 0xFFFF) {
            out.write(tag >> 16);
        }
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else if (value.length <= 0xFF) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The elements at the top level of {@code data}, in order. */
    static List<Element> parse(byte[] data) throws MalformedApduException {
        List<Element> elements = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int tag = data[offset++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                // A multi-byte tag continues while bit 8 of the next byte is set.
                do {
                    if (offset >= data.length) {
                        throw new MalformedApduException("a tag runs past the end of the data");
                    }
                    tag = (tag << 8) | (data[offset] & 0xFF);
                } while ((data[offset++] & 0x80) != 0 && tag <= 0xFFFF);
            }
            if (offset >= data.length) {
                throw new MalformedApduException("tag " + Integer.toHexString(tag) + " has no length");
            }
            int length = data[offset++] & 0xFF;
            if (length > 0x80) {
                int lengthBytes = length & 0x7F;
                if (lengthBytes > 3 || offset + lengthBytes > data.length) {
                    throw new MalformedApduException("a length field is too long");
                }
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = (length << 8) | (data[offset++] & 0xFF);
                }
            } else if (length == 0x80) {
                throw new MalformedApduException("indefinite lengths are not used in PIV data");
            }
            if (length > data.length - offset) {
                throw new MalformedApduException("tag " + Integer.toHexString(tag) + " runs past the end of the data");
            }
            elements.add(new Element(tag, Arrays.copyOfRange(data, offset, offset + length)));
            offset += length;
        }
        return elements;
    }
}
