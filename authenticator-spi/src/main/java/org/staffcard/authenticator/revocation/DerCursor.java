package org.staffcard.authenticator.revocation;

/**
 * Walks DER bytes in place, one tag-length-value at a time. A large CRL is read with it instead of a full ASN.1
 * object tree, which for a million entries would take several hundred megabytes of small objects.
 */
final class DerCursor {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int BOOLEAN = 0x01;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;

    private final byte[] der;
    private final int end;
    private int position;

    DerCursor(byte[] der, int start, int end) {
        this.der = der;
        this.position = start;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    /** The tag of the next element, without moving. */
    int peekTag() throws MalformedCrlException {
        require(position < end, "an element");
        return der[position] & 0xFF;
    }

    /** Reads the next element's header, moves past the whole element and answers where its parts lie. */
    Element next() throws MalformedCrlException {
        int start = position;
        require(position < end, "an element");
        int tag = der[position++] & 0xFF;
        require((tag & 0x1F) != 0x1F, "a low tag number");
        require(position < end, "a length");

        int first = der[position++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7F;
            // DER has no indefinite length, and nothing in a CRL we accept needs more than 2 GiB.
            require(octets >= 1 && octets <= 4, "a definite length of at most four octets");
            length = 0;
            for (int i = 0; i < octets; i++) {
                require(position < end, "the rest of a length");
                length = (length << 8) | (der[position++] & 0xFF);
            }
            require(length >= 0, "a length below 2 GiB");
        }

        int contentStart = position;
        require(length <= end - contentStart, "content within its enclosing element");
        position = contentStart + length;
        return new Element(tag, start, contentStart, position);
    }

    Element expect(int tag, String what) throws MalformedCrlException {
        Element element = next();
        if (element.tag() != tag) {
            throw new MalformedCrlException("expected " + what + " (tag 0x" + Integer.toHexString(tag)
                    + ") but found tag 0x" + Integer.toHexString(element.tag()));
        }
        return element;
    }

    private static void require(boolean condition, String what) throws MalformedCrlException {
        if (!condition) {
            throw new MalformedCrlException("DER ends or breaks where " + what + " was expected");
        }
    }

    /** One element: its tag, where it starts, where its content starts and where it ends (exclusive). */
    record Element(int tag, int start, int contentStart, int end) {

        int contentLength() {
            return end - contentStart;
        }

        DerCursor contents(byte[] der) {
            return new DerCursor(der, contentStart, end);
        }
    }
}
