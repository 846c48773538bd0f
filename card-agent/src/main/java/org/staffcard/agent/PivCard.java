package org.staffcard.agent;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * The PIV Card Application of NIST SP 800-73-4 as the sign-in uses it: select it, read the CHUID's card UUID and
 * the X.509 Certificate for PIV Authentication, count and verify the PIV Card Application PIN, and have the PIV
 * Authentication key (slot 9A) sign with GENERAL AUTHENTICATE. After {@link #select()} the calls rely on the
 * application staying selected: selecting it again may drop a verified PIN on some cards.
 */
final class PivCard {

    static final byte[] PIV_AID = HexFormat.of().parseHex("A000000308000010000100");

    static final int CHUID = 0x5FC102;
    static final int PIV_AUTHENTICATION_CERTIFICATE = 0x5FC105;

    static final int MIN_PIN_DIGITS = 6;
    static final int MAX_PIN_DIGITS = 8;

    private static final int SW_OK = 0x9000;
    private static final int SW_AUTH_METHOD_BLOCKED = 0x6983;
    private static final int SW_FILE_NOT_FOUND = 0x6A82;
    private static final int SW1_WARNING = 0x63;

    private static final int PIN_REFERENCE = 0x80;
    private static final int PIV_AUTHENTICATION_KEY = 0x9A;
    private static final int UUID_BYTES = 16;
    private static final int MAX_SHORT_NE = 256;
    /** CertInfo bit 1: the certificate is gzip-compressed (SP 800-73-4 part 1, appendix A). */
    private static final int CERT_INFO_COMPRESSED = 0x01;

    private final ApduExchange exchange;

    PivCard(ApduExchange exchange) {
        this.exchange = exchange;
    }

    /** Selects the PIV application; false when the card has none. */
    boolean select() throws AgentException {
        ResponseAPDU response = exchange.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00, PIV_AID, MAX_SHORT_NE));
        return response.getSW() == SW_OK;
    }

    /** The card UUID of the CHUID (tag 34) as 32 lowercase hex characters: the card user ID of a PIV card. */
    String readCardUuid() throws AgentException {
        byte[] chuid = BerTlv.find(getData(CHUID, "the CHUID"), 0x53, "the CHUID")
                .orElseThrow(() -> new CardFailureException("the CHUID is not a PIV data object (tag 53)"));
        byte[] uuid = BerTlv.find(chuid, 0x34, "the CHUID").orElse(new byte[0]);
        if (uuid.length != UUID_BYTES || Arrays.equals(uuid, new byte[UUID_BYTES])) {
            throw new CardUnsupportedException("the CHUID carries no card UUID, so the card has no card user ID");
        }
        return HexFormat.of().formatHex(uuid);
    }

    /** The DER of the X.509 Certificate for PIV Authentication, readable without the PIN. */
    byte[] readAuthenticationCertificate() throws AgentException {
        String what = "the PIV Authentication certificate";
        byte[] container = BerTlv.find(getData(PIV_AUTHENTICATION_CERTIFICATE, what), 0x53, what)
                .orElseThrow(() -> new CardFailureException(what + " is not a PIV data object (tag 53)"));
        byte[] certificate = BerTlv.find(container, 0x70, what).orElse(new byte[0]);
        if (certificate.length == 0) {
            throw new CardUnsupportedException("the card holds no " + what);
        }
        byte[] certInfo = BerTlv.find(container, 0x71, what).orElse(new byte[0]);
        boolean compressed = certInfo.length > 0 && (certInfo[0] & CERT_INFO_COMPRESSED) != 0;
        return compressed ? gunzip(certificate, what) : certificate;
    }

    /** Tries left on the PIV Card Application PIN; 0 when blocked. Asking costs no try. */
    int pinTriesLeft() throws AgentException {
        ResponseAPDU response = exchange.transmit(new CommandAPDU(0x00, 0x20, 0x00, PIN_REFERENCE));
        if (response.getSW1() == SW1_WARNING && (response.getSW2() & 0xF0) == 0xC0) {
            return response.getSW2() & 0x0F;
        }
        if (response.getSW() == SW_AUTH_METHOD_BLOCKED) {
            return 0;
        }
        // 90 00 would mean a PIN verified before this session, which the agent's reset on disconnect rules out;
        // such a card does not tell its tries, so it is refused rather than shown a made-up count.
        throw new CardFailureException("asking for PIN tries failed with status word "
                + ApduExchange.statusWord(response));
    }

    /**
     * Verifies the PIN, sent as its digits padded with FF to 8 bytes. The PIN bytes are cleared here; the JDK's
     * command object keeps its own copy, which lives until it is collected.
     */
    void verifyPin(char[] pin, int knownTriesLeft) throws AgentException {
        if (!isPivPin(pin)) {
            throw new PinWrongException(knownTriesLeft, "the PIN is not " + MIN_PIN_DIGITS + " to " + MAX_PIN_DIGITS
                    + " digits; it was not sent to the card");
        }
        byte[] block = new byte[MAX_PIN_DIGITS];
        ResponseAPDU response;
        try {
            Arrays.fill(block, (byte) 0xFF);
            for (int i = 0; i < pin.length; i++) {
                block[i] = (byte) pin[i];
            }
            response = exchange.transmit(new CommandAPDU(0x00, 0x20, 0x00, PIN_REFERENCE, block));
        } finally {
            Arrays.fill(block, (byte) 0);
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
        if (response.getSW() == SW_AUTH_METHOD_BLOCKED) {
            throw new PinBlockedException("the card's PIV PIN is blocked");
        }
        throw new CardFailureException("VERIFY failed with status word " + ApduExchange.statusWord(response));
    }

    /**
     * GENERAL AUTHENTICATE with the PIV Authentication key: the template 7C asks for the response (82, empty) to the
     * challenge (81); the card's answer is the value of 82 in the 7C it returns. An RSA block does not fit one short
     * command, so the command is chained.
     */
    byte[] generalAuthenticate(PivKeyAlgorithm algorithm, byte[] challenge) throws AgentException {
        byte[] template = BerTlv.encode(0x7C, concat(BerTlv.encode(0x82, new byte[0]),
                BerTlv.encode(0x81, challenge)));
        ResponseAPDU response = exchange.transmitChained(0x00, 0x87, algorithm.id(), PIV_AUTHENTICATION_KEY,
                template, MAX_SHORT_NE);
        if (response.getSW() != SW_OK) {
            throw new CardFailureException("GENERAL AUTHENTICATE failed with status word "
                    + ApduExchange.statusWord(response));
        }
        String what = "the GENERAL AUTHENTICATE answer";
        byte[] answer = BerTlv.find(response.getData(), 0x7C, what)
                .orElseThrow(() -> new CardFailureException(what + " is not a template 7C"));
        return BerTlv.find(answer, 0x82, what)
                .orElseThrow(() -> new CardFailureException(what + " carries no response (82)"));
    }

    private byte[] getData(int tag, String what) throws AgentException {
        byte[] tagList = BerTlv.encode(0x5C, new byte[] {(byte) (tag >> 16), (byte) (tag >> 8), (byte) tag});
        ResponseAPDU response = exchange.transmit(new CommandAPDU(0x00, 0xCB, 0x3F, 0xFF, tagList, MAX_SHORT_NE));
        if (response.getSW() == SW_FILE_NOT_FOUND) {
            throw new CardUnsupportedException("the card holds no " + what);
        }
        if (response.getSW() != SW_OK) {
            throw new CardFailureException("reading " + what + " failed with status word "
                    + ApduExchange.statusWord(response));
        }
        return response.getData();
    }

    private static byte[] gunzip(byte[] compressed, String what) throws CardFailureException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] plain = in.readNBytes(DerFileReader.MAX_FILE_BYTES + 1);
            if (plain.length > DerFileReader.MAX_FILE_BYTES) {
                throw new CardFailureException(what + " inflates to over " + DerFileReader.MAX_FILE_BYTES + " bytes");
            }
            return plain;
        } catch (IOException e) {
            throw new CardFailureException(what + " is marked compressed but is not gzip data");
        }
    }

    private static boolean isPivPin(char[] pin) {
        if (pin.length < MIN_PIN_DIGITS || pin.length > MAX_PIN_DIGITS) {
            return false;
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
