package org.staffcard.agent;

import org.staffcard.protocol.CardUserId;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The JPKI user-authentication functions of a My Number Card, spoken in the command bytes that public readers agree
 * on: select the application and files, read the certificate, count the PIN tries, verify the PIN and sign a
 * DigestInfo. Each call selects what it needs, so no call relies on a state left by another.
 */
final class JpkiCard {

    static final byte[] JPKI_AID = HexFormat.of().parseHex("D392F000260100000001");

    static final int AUTH_CERTIFICATE = 0x000A;
    static final int AUTH_KEY = 0x0017;
    static final int AUTH_PIN = 0x0018;

    /** The user-authentication PIN is 4 digits; anything else would only cost a try on the card. */
    static final int PIN_DIGITS = 4;

    private static final int SW_OK = 0x9000;
    private static final int SW_FILE_NOT_FOUND = 0x6A82;
    private static final int SW_AUTH_METHOD_BLOCKED = 0x6983;
    private static final int SW_REFERENCE_DATA_UNUSABLE = 0x6984;
    /** VERIFY answers 63 Cx with x the tries left. */
    private static final int SW1_WARNING = 0x63;

    private static final int MAX_FREE_AREA_BYTES = 256;

    private final ApduExchange exchange;

    JpkiCard(ApduExchange exchange) {
        this.exchange = exchange;
    }

    /** The user-authentication certificate (fid 000A), readable without a PIN. */
    byte[] readAuthenticationCertificate() throws AgentException {
        selectJpki();
        selectFile(AUTH_CERTIFICATE, "the authentication certificate");
        return new DerFileReader(exchange).read("the authentication certificate");
    }

    /** The staff card user ID, as ASCII in the organisation's free area; padding after it is dropped. */
    String readFreeAreaUserId(FreeAreaFile location) throws AgentException {
        ResponseAPDU selected = exchange.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, location.aid()));
        if (selected.getSW() != SW_OK) {
            throw new CardUnsupportedException("the card has no free-area application (" + location
                    + "): status word " + ApduExchange.statusWord(selected));
        }
        selectFile(location.fileId(), "the free-area file");

        ResponseAPDU read = exchange.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, MAX_FREE_AREA_BYTES));
        if (read.getSW() != SW_OK) {
            throw new CardFailureException("reading the free area failed with status word "
                    + ApduExchange.statusWord(read));
        }
        String cardUserId = new String(withoutPadding(read.getData()), StandardCharsets.US_ASCII);
        if (!CardUserId.isWellFormed(cardUserId)) {
            throw new CardUnsupportedException("the free area does not hold a card user ID of 1-64 characters "
                    + "of [A-Za-z0-9._-]");
        }
        return cardUserId;
    }

    /** Tries left on the user-authentication PIN; 0 when blocked. Asking costs no try. */
    int pinTriesLeft() throws AgentException {
        selectJpki();
        selectFile(AUTH_PIN, "the authentication PIN");
        ResponseAPDU response = exchange.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80));
        if (response.getSW1() == SW1_WARNING && (response.getSW2() & 0xF0) == 0xC0) {
            return response.getSW2() & 0x0F;
        }
        if (response.getSW() == SW_AUTH_METHOD_BLOCKED || response.getSW() == SW_REFERENCE_DATA_UNUSABLE) {
            return 0;
        }
        throw new CardFailureException("asking for PIN tries failed with status word "
                + ApduExchange.statusWord(response));
    }

    /**
     * Verifies the PIN on the card. The PIN bytes are cleared here; the JDK's command object keeps its own copy,
     * which lives until it is collected, since {@code CommandAPDU} offers no way to clear it.
     */
    void verifyPin(char[] pin, int knownTriesLeft) throws AgentException {
        if (!isFourDigits(pin)) {
            throw new PinWrongException(knownTriesLeft, "the PIN is not " + PIN_DIGITS
                    + " digits; it was not sent to the card");
        }
        selectJpki();
        selectFile(AUTH_PIN, "the authentication PIN");

        byte[] pinBytes = new byte[pin.length];
        ResponseAPDU response;
        try {
            for (int i = 0; i < pin.length; i++) {
                pinBytes[i] = (byte) pin[i];
            }
            response = exchange.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80, pinBytes));
        } finally {
            Arrays.fill(pinBytes, (byte) 0);
        }

        if (response.getSW() == SW_OK) {
            return;
        }
        if (response.getSW1() == SW1_WARNING && (response.getSW2() & 0xF0) == 0xC0) {
            int triesLeft = response.getSW2() & 0x0F;
            if (triesLeft == 0) {
                throw new PinBlockedException("wrong PIN; the card has now blocked it");
            }
            throw new PinWrongException(triesLeft, "wrong PIN; " + triesLeft + " tries left");
        }
        if (response.getSW() == SW_AUTH_METHOD_BLOCKED || response.getSW() == SW_REFERENCE_DATA_UNUSABLE) {
            throw new PinBlockedException("the card's authentication PIN is blocked");
        }
        throw new CardFailureException("VERIFY failed with status word " + ApduExchange.statusWord(response));
    }

    /** Has the user-authentication key sign a DigestInfo; the card adds PKCS#1 v1.5 padding itself. */
    byte[] sign(byte[] digestInfo) throws AgentException {
        selectFile(AUTH_KEY, "the authentication key");
        return exchange.transmitExpectingOk(new CommandAPDU(0x80, 0x2A, 0x00, 0x80, digestInfo, 256), "SIGN");
    }

    /** Whether the card has a JPKI application at all; for the status answer. */
    boolean hasJpkiApplication() throws AgentException {
        ResponseAPDU response = exchange.transmit(selectJpkiCommand());
        return response.getSW() == SW_OK;
    }

    private void selectJpki() throws AgentException {
        ResponseAPDU response = exchange.transmit(selectJpkiCommand());
        if (response.getSW() != SW_OK) {
            throw new CardUnsupportedException("the card has no JPKI application: status word "
                    + ApduExchange.statusWord(response));
        }
    }

    private static CommandAPDU selectJpkiCommand() {
        return new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, JPKI_AID);
    }

    private void selectFile(int fileId, String what) throws AgentException {
        byte[] fid = {(byte) (fileId >> 8), (byte) fileId};
        ResponseAPDU response = exchange.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, fid));
        if (response.getSW() == SW_FILE_NOT_FOUND) {
            throw new CardUnsupportedException("the card lacks " + what + " (file " + String.format("%04X", fileId)
                    + ")");
        }
        if (response.getSW() != SW_OK) {
            throw new CardFailureException("selecting " + what + " failed with status word "
                    + ApduExchange.statusWord(response));
        }
    }

    private static boolean isFourDigits(char[] pin) {
        if (pin.length != PIN_DIGITS) {
            return false;
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Real free areas are fixed-size files padded with 00, FF or spaces after the ID. */
    private static byte[] withoutPadding(byte[] data) {
        int end = data.length;
        while (end > 0 && (data[end - 1] == 0x00 || data[end - 1] == (byte) 0xFF || data[end - 1] == ' ')) {
            end--;
        }
        return Arrays.copyOf(data, end);
    }
}
