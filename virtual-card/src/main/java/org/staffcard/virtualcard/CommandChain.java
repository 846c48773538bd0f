package org.staffcard.virtualcard;

import java.io.ByteArrayOutputStream;

/**
 * Collects the parts of a command sent in a chain (ISO 7816-4, CLA bit 10): every part but the last is answered
 * 90 00 and kept, and the last part carries the whole data to the command. A PIV reader chains GENERAL AUTHENTICATE
 * when an RSA block does not fit one short APDU.
 */
final class CommandChain {

    /** Far above the largest chained command a PIV card takes (a 4096-bit RSA block in its template). */
    static final int MAX_CHAIN_BYTES = 4096;

    private static final int CHAINING_BIT = 0x10;

    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
    private int header = -1;

    static boolean isChained(CommandApdu command) {
        return (command.cla() & CHAINING_BIT) != 0;
    }

    /** Keeps a part that is not the last; false when the chain grew too long or changed command midway. */
    boolean add(CommandApdu part) {
        int partHeader = headerOf(part);
        if (header != -1 && header != partHeader) {
            clear();
            return false;
        }
        if (parts.size() + part.dataLength() > MAX_CHAIN_BYTES) {
            clear();
            return false;
        }
        header = partHeader;
        parts.writeBytes(part.data());
        return true;
    }

    boolean isOpen() {
        return header != -1;
    }

    /** Whether {@code last} ends this chain: the same instruction and parameters, without the chaining bit. */
    boolean isEndedBy(CommandApdu last) {
        return header == headerOf(last);
    }

    /** The whole command; the chain is empty afterwards. */
    CommandApdu complete(CommandApdu last) {
        CommandApdu whole = last.withDataBefore(parts.toByteArray(), last.cla());
        clear();
        return whole;
    }

    void clear() {
        parts.reset();
        header = -1;
    }

    private static int headerOf(CommandApdu command) {
        int cla = command.cla() & ~CHAINING_BIT;
        return (cla << 24) | (command.ins() << 16) | command.p1p2();
    }
}
