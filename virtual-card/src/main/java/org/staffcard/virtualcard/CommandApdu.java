package org.staffcard.virtualcard;

import java.util.Arrays;

/**
 * A short command APDU as the card receives it (ISO 7816-4 cases 1 to 4). Extended lengths are refused: no JPKI
 * command needs them, and the real card's readers use short APDUs only.
 */
final class CommandApdu {

    /** Marks a command sent without an Le byte: the reader expects no data. */
    static final int NO_LE = -1;

    private final int cla;
    private final int ins;
    private final int p1;
    private final int p2;
    private final byte[] data;
    private final int le;

    private CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int le) {
        this.cla = cla;
        this.ins = ins;
        this.p1 = p1;
        this.p2 = p2;
        this.data = data;
        this.le = le;
    }

    static CommandApdu parse(byte[] bytes) throws MalformedApduException {
        if (bytes.length < 4) {
            throw new MalformedApduException("a command APDU has at least 4 bytes, got " + bytes.length);
        }
        int cla = bytes[0] & 0xFF;
        int ins = bytes[1] & 0xFF;
        int p1 = bytes[2] & 0xFF;
        int p2 = bytes[3] & 0xFF;
        if (bytes.length == 4) {
            return new CommandApdu(cla, ins, p1, p2, new byte[0], NO_LE);
        }

        int first = bytes[4] & 0xFF;
        if (bytes.length == 5) {
            return new CommandApdu(cla, ins, p1, p2, new byte[0], first == 0 ? 256 : first);
        }
        if (first == 0) {
            throw new MalformedApduException("extended-length APDUs are not supported");
        }
        if (bytes.length == 5 + first) {
            return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(bytes, 5, 5 + first), NO_LE);
        }
        if (bytes.length == 6 + first) {
            int le = bytes[5 + first] & 0xFF;
            return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(bytes, 5, 5 + first), le == 0 ? 256 : le);
        }
        throw new MalformedApduException("Lc " + first + " does not match a command of " + bytes.length + " bytes");
    }

    /** The same command with {@code earlier} put before its data: the whole of a command chain. */
    CommandApdu withDataBefore(byte[] earlier, int finalCla) {
        byte[] joined = Arrays.copyOf(earlier, earlier.length + data.length);
        System.arraycopy(data, 0, joined, earlier.length, data.length);
        return new CommandApdu(finalCla, ins, p1, p2, joined, le);
    }

    int cla() {
        return cla;
    }

    int ins() {
        return ins;
    }

    int p1() {
        return p1;
    }

    int p2() {
        return p2;
    }

    /** P1 and P2 as one number, as SELECT and READ BINARY use them. */
    int p1p2() {
        return (p1 << 8) | p2;
    }

    byte[] data() {
        return data.clone();
    }

    int dataLength() {
        return data.length;
    }

    /** The expected length Ne (1 to 256), or {@link #NO_LE}. */
    int le() {
        return le;
    }

    boolean hasLe() {
        return le != NO_LE;
    }
}
