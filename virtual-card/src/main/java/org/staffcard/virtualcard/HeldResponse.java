package org.staffcard.virtualcard;

import java.util.Arrays;

/**
 * The part of an answer a card holds back for GET RESPONSE (ISO 7816-4, 61 xx), as T=0 cards and long PIV answers
 * do. Any command other than GET RESPONSE drops it, as on a real card.
 */
final class HeldResponse {

    static final int MAX_SHORT_LE = 256;

    private byte[] data;
    private int statusWord;

    /** Holds {@code rest} and answers the 61 xx status word announcing it. */
    int hold(byte[] rest, int finalStatusWord) {
        data = rest;
        statusWord = finalStatusWord;
        return moreData(rest.length);
    }

    void clear() {
        data = null;
    }

    /**
     * Answers a GET RESPONSE: the next chunk of at most Le bytes, with 61 xx while more remains and the held status
     * word with the last chunk.
     *
     * @param wrongLeAnswered6C whether an Le beyond what is held is answered 6C xx, as some T=0 cards do
     */
    ResponseApdu next(CommandApdu apdu, boolean wrongLeAnswered6C) {
        if (data == null) {
            return ResponseApdu.status(StatusWord.CONDITIONS_NOT_SATISFIED);
        }
        if (apdu.p1p2() != 0) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        int wanted = apdu.hasLe() ? apdu.le() : MAX_SHORT_LE;
        if (wrongLeAnswered6C && wanted > data.length) {
            return ResponseApdu.status(StatusWord.withLength(StatusWord.WRONG_LE, data.length));
        }

        int length = Math.min(wanted, data.length);
        byte[] chunk = Arrays.copyOf(data, length);
        byte[] rest = Arrays.copyOfRange(data, length, data.length);
        if (rest.length == 0) {
            data = null;
            return ResponseApdu.of(chunk, statusWord);
        }
        data = rest;
        return ResponseApdu.of(chunk, moreData(rest.length));
    }

    private static int moreData(int remaining) {
        return StatusWord.withLength(StatusWord.MORE_DATA, Math.min(remaining, MAX_SHORT_LE));
    }

    /** An ATR with its check byte TCK: the XOR of every byte after TS. */
    static byte[] atrWithCheckByte(byte[] withoutCheck) {
        byte check = 0;
        for (int i = 1; i < withoutCheck.length; i++) {
            check ^= withoutCheck[i];
        }
        byte[] atr = Arrays.copyOf(withoutCheck, withoutCheck.length + 1);
        atr[withoutCheck.length] = check;
        return atr;
    }
}
