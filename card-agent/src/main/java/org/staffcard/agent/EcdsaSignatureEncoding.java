package org.staffcard.agent;

/**
 * Turns the DER ECDSA signature a PIV card answers (SEQUENCE of INTEGER r and INTEGER s) into the raw
 * {@code r || s} of fixed length that ES256 declares. Each INTEGER is read by its own length: a value shorter than
 * the field (a leading zero byte dropped) is padded on the left, a value with the sign byte 00 in front of a high bit
 * loses it; nothing is inferred from where a byte such as 30 happens to appear.
 */
final class EcdsaSignatureEncoding {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private EcdsaSignatureEncoding() {
    }

    static byte[] derToRaw(byte[] der, int fieldBytes) throws CardFailureException {
        Cursor cursor = new Cursor(der);
        int sequenceLength = cursor.header(SEQUENCE);
        if (sequenceLength != cursor.remaining()) {
            throw new CardFailureException("the card's ECDSA signature is not one DER SEQUENCE");
        }

        byte[] raw = new byte[2 * fieldBytes];
        cursor.integerInto(raw, 0, fieldBytes);
        cursor.integerInto(raw, fieldBytes, fieldBytes);
        if (cursor.remaining() != 0) {
            throw new CardFailureException("the card's ECDSA signature has bytes after s");
        }
        return raw;
    }

    private static final class Cursor {

        private final byte[] der;
        private int offset;

        Cursor(byte[] der) {
            this.der = der;
        }

        int remaining() {
            return der.length - offset;
        }

        /** Reads a tag and a definite length (short form, or long form with one or two bytes). */
        int header(int expectedTag) throws CardFailureException {
            if (remaining() < 2 || (der[offset] & 0xFF) != expectedTag) {
                throw new CardFailureException("the card's ECDSA signature lacks a DER tag "
                        + Integer.toHexString(expectedTag));
            }
            offset++;
            int length = der[offset++] & 0xFF;
            if (length >= 0x80) {
                int lengthBytes = length & 0x7F;
                if (lengthBytes == 0 || lengthBytes > 2 || remaining() < lengthBytes) {
                    throw new CardFailureException("the card's ECDSA signature has a malformed DER length");
                }
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = (length << 8) | (der[offset++] & 0xFF);
                }
            }
            if (length > remaining()) {
                throw new CardFailureException("the card's ECDSA signature is cut short");
            }
            return length;
        }

        /** Copies one non-negative INTEGER, right-aligned, into {@code fieldBytes} bytes of {@code target}. */
        void integerInto(byte[] target, int targetOffset, int fieldBytes) throws CardFailureException {
            int length = header(INTEGER);
            if (length == 0) {
                throw new CardFailureException("the card's ECDSA signature has an empty INTEGER");
            }
            if ((der[offset] & 0x80) != 0) {
                throw new CardFailureException("the card's ECDSA signature has a negative INTEGER");
            }
            int start = offset;
            int end = offset + length;
            while (start < end - 1 && der[start] == 0) {
                start++;
            }
            int significant = end - start;
            if (significant > fieldBytes) {
                throw new CardFailureException("an INTEGER of the card's ECDSA signature is longer than the field");
            }
            System.arraycopy(der, start, target, targetOffset + fieldBytes - significant, significant);
            offset = end;
        }
    }
}
