package org.staffcard.virtualcard;

/** The ISO 7816-4 status words this card answers with, named for what they tell the reader. */
final class StatusWord {

    static final int SUCCESS = 0x9000;
    /** 61 xx: more data waits; the reader fetches it with GET RESPONSE. */
    static final int MORE_DATA = 0x6100;
    /** 63 Cx: PIN not verified, x tries left. */
    static final int PIN_TRIES_LEFT = 0x63C0;
    static final int WRONG_LENGTH = 0x6700;
    /** 68 83: a chain of commands (CLA 10) was left unfinished or mixed with another command. */
    static final int LAST_COMMAND_OF_CHAIN_EXPECTED = 0x6883;
    static final int INCOMPATIBLE_WITH_FILE = 0x6981;
    static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    /** 69 83: the PIV card's answer for a blocked PIN. */
    static final int AUTHENTICATION_METHOD_BLOCKED = 0x6983;
    static final int PIN_BLOCKED = 0x6984;
    static final int CONDITIONS_NOT_SATISFIED = 0x6985;
    static final int NO_CURRENT_EF = 0x6986;
    static final int WRONG_DATA = 0x6A80;
    static final int FILE_NOT_FOUND = 0x6A82;
    static final int WRONG_P1_P2 = 0x6A86;
    static final int REFERENCED_DATA_NOT_FOUND = 0x6A88;
    static final int OFFSET_OUTSIDE_FILE = 0x6B00;
    /** 6C xx: wrong Le; the reader sends the same command again with Le = xx. */
    static final int WRONG_LE = 0x6C00;
    static final int INSTRUCTION_NOT_SUPPORTED = 0x6D00;
    static final int CLASS_NOT_SUPPORTED = 0x6E00;
    static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

    private StatusWord() {
    }

    /** The low byte of 61 xx and 6C xx, where 00 stands for 256. */
    static int withLength(int statusWord, int length) {
        return statusWord | (length & 0xFF);
    }
}
