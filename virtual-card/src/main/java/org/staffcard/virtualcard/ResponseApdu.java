package org.staffcard.virtualcard;

import java.util.Arrays;

/** A response APDU: optional data followed by the two status bytes. */
final class ResponseApdu {

    private final byte[] data;
    private final int statusWord;

    private ResponseApdu(byte[] data, int statusWord) {
        this.data = data;
        this.statusWord = statusWord;
    }

    static ResponseApdu status(int statusWord) {
        return new ResponseApdu(new byte[0], statusWord);
    }

    static ResponseApdu success(byte[] data) {
        return new ResponseApdu(data.clone(), StatusWord.SUCCESS);
    }

    static ResponseApdu of(byte[] data, int statusWord) {
        return new ResponseApdu(data.clone(), statusWord);
    }

    byte[] data() {
        return data.clone();
    }

    int dataLength() {
        return data.length;
    }

    int statusWord() {
        return statusWord;
    }

    byte[] toBytes() {
        byte[] bytes = Arrays.copyOf(data, data.length + 2);
        bytes[data.length] = (byte) (statusWord >> 8);
        bytes[data.length + 1] = (byte) statusWord;
        return bytes;
    }
}
