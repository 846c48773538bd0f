package org.staffcard.virtualcard;

import java.util.Arrays;

/**
 * A software smart card with the PIV Card Application of NIST SP 800-73-4: SELECT, GET DATA, VERIFY, GENERAL
 * AUTHENTICATE with the PIV Authentication key, command chaining, and answers longer than the reader asked for held
 * back with 61 xx for GET RESPONSE, as PIV cards send certificates and RSA signatures.
 *
 * <p>Thread-safe: the vpcd link and a test may talk to it at once, and each command runs whole.
 */
public final class VirtualPivCard implements VirtualCard {

    private static final int CLA_ISO = 0x00;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_GET_DATA = 0xCB;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_GENERAL_AUTHENTICATE = 0x87;
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final int SELECT_BY_AID = 0x04;
    private static final int SELECT_WITH_ANSWER = 0x00;
    private static final int SELECT_NO_ANSWER = 0x0C;

    /**
     * 3B 8B 01: direct convention, TD1 offering T=1 only, and 11 historical bytes: category 80 and one COMPACT-TLV
     * application identifier (tag F, length 9) naming the PIV application without its version, which tells readers
     * the card is a PIV card before they send anything. The last byte is TCK, required with T=1.
     */
    private static final byte[] ATR = HeldResponse.atrWithCheckByte(new byte[] {
        0x3B, (byte) 0x8B, 0x01,
        (byte) 0x80, (byte) 0xF9, (byte) 0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00});

    private final PivCardProfile profile;
    private final CardQuirks quirks;
    private final PivApplication piv;
    private final CommandChain chain = new CommandChain();

    private boolean pivSelected;
    private final HeldResponse held = new HeldResponse();

    public VirtualPivCard(PivCardProfile profile) {
        this(profile, CardQuirks.NONE);
    }

    /**
     * @param quirks with {@link CardQuirks#moreDataViaGetResponse()} every answer carrying data, however short, comes
     *               through 61 xx and GET RESPONSE; {@link CardQuirks#wrongLeAnswered6C()} has no effect on a PIV
     *               card, which hands out a long answer in parts rather than refusing a short Le
     */
    public VirtualPivCard(PivCardProfile profile, CardQuirks quirks) {
        this.profile = profile;
        this.quirks = quirks;
        this.piv = new PivApplication(profile);
    }

    public PivCardProfile profile() {
        return profile;
    }

    @Override
    public byte[] atr() {
        return ATR.clone();
    }

    @Override
    public String cardUserId() {
        return profile.cardUserId();
    }

    @Override
    public synchronized int pinTriesLeft() {
        return piv.pinTriesLeft();
    }

    @Override
    public synchronized void reset() {
        piv.resetSecurityState();
        pivSelected = false;
        held.clear();
        chain.clear();
    }

    @Override
    public synchronized byte[] transmit(byte[] command) {
        CommandApdu apdu;
        try {
            apdu = CommandApdu.parse(command);
        } catch (MalformedApduException e) {
            held.clear();
            chain.clear();
            return ResponseApdu.status(StatusWord.WRONG_LENGTH).toBytes();
        }

        if (apdu.ins() == INS_GET_RESPONSE && apdu.cla() == CLA_ISO) {
            return getResponse(apdu).toBytes();
        }
        held.clear();

        if (CommandChain.isChained(apdu)) {
            boolean kept = chain.add(apdu);
            return ResponseApdu.status(kept ? StatusWord.SUCCESS : StatusWord.LAST_COMMAND_OF_CHAIN_EXPECTED)
                    .toBytes();
        }
        if (chain.isOpen()) {
            if (!chain.isEndedBy(apdu)) {
                // Another command in the middle of a chain abandons the chain, as on a real card.
                chain.clear();
                return ResponseApdu.status(StatusWord.LAST_COMMAND_OF_CHAIN_EXPECTED).toBytes();
            }
            apdu = chain.complete(apdu);
        }
        return deliver(apdu, dispatch(apdu)).toBytes();
    }

    private ResponseApdu dispatch(CommandApdu apdu) {
        if (apdu.cla() != CLA_ISO) {
            return ResponseApdu.status(StatusWord.CLASS_NOT_SUPPORTED);
        }
        if (apdu.ins() == INS_SELECT) {
            return select(apdu);
        }
        boolean known = apdu.ins() == INS_GET_DATA || apdu.ins() == INS_VERIFY
                || apdu.ins() == INS_GENERAL_AUTHENTICATE;
        if (!known) {
            return ResponseApdu.status(StatusWord.INSTRUCTION_NOT_SUPPORTED);
        }
        if (!pivSelected) {
            return ResponseApdu.status(StatusWord.FILE_NOT_FOUND);
        }
        return switch (apdu.ins()) {
            case INS_GET_DATA -> piv.getData(apdu);
            case INS_VERIFY -> piv.verify(apdu);
            default -> piv.generalAuthenticate(apdu);
        };
    }

    private ResponseApdu select(CommandApdu apdu) {
        if (apdu.p1() != SELECT_BY_AID || (apdu.p2() != SELECT_WITH_ANSWER && apdu.p2() != SELECT_NO_ANSWER)) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        // A failed SELECT leaves the current application and its security state as they were.
        if (!PivApplication.isSelectedBy(apdu.data())) {
            return ResponseApdu.status(StatusWord.FILE_NOT_FOUND);
        }
        if (!pivSelected) {
            piv.resetSecurityState();
        }
        pivSelected = true;
        if (apdu.p2() == SELECT_NO_ANSWER) {
            return ResponseApdu.status(StatusWord.SUCCESS);
        }
        return ResponseApdu.success(PivApplication.applicationPropertyTemplate(profile.keyType()));
    }

    /**
     * Sends at most Ne bytes now and holds the rest for GET RESPONSE, announced with 61 xx. A command without Le
     * gets all of its data that way.
     */
    private ResponseApdu deliver(CommandApdu apdu, ResponseApdu answer) {
        if (answer.dataLength() == 0) {
            return answer;
        }
        int now = quirks.moreDataViaGetResponse() || !apdu.hasLe() ? 0 : Math.min(apdu.le(), answer.dataLength());
        if (now == answer.dataLength()) {
            return answer;
        }
        byte[] data = answer.data();
        int moreData = held.hold(Arrays.copyOfRange(data, now, data.length), answer.statusWord());
        return ResponseApdu.of(Arrays.copyOf(data, now), moreData);
    }

    /** The 6C xx quirk is a T=0 card's; PIV cards speak T=1 and send what is asked. */
    private ResponseApdu getResponse(CommandApdu apdu) {
        return held.next(apdu, false);
    }
}
