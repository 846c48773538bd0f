package org.staffcard.virtualcard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A software smart card of the JPKI (My Number Card) profile, answering ISO 7816-4 command APDUs with the bytes
 * the real card gives: SELECT, READ BINARY, VERIFY and the card's SIGN (80 2A), plus GET RESPONSE for the T=0
 * quirks. It also carries the organisation's free-area application with the card user ID.
 *
 * <p>Thread-safe: the vpcd link and a test may talk to it at once, and each command runs whole.
 */
public final class VirtualJpkiCard implements VirtualCard {

    private static final int NO_FILE = -1;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_SIGN = 0x2A;
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final int CLA_ISO = 0x00;
    /** The JPKI card takes its SIGN command in the proprietary class. */
    private static final int CLA_PROPRIETARY = 0x80;
    private static final int SELECT_BY_AID = 0x04;
    private static final int SELECT_EF_UNDER_DF = 0x02;
    private static final int SELECT_NO_ANSWER = 0x0C;
    private static final int SELECT_FIRST_OR_ONLY = 0x00;
    private static final int SHORT_EF_FLAG = 0x80;

    /**
     * 3B 8A 80 01: direct convention, then TD1 and TD2 offering T=0 and T=1, and 10 historical bytes: category 80
     * and one COMPACT-TLV "card issuer's data" object (tag 5, length 8) reading "VJPKI001". The last byte is TCK,
     * required once T=1 is offered.
     */
    private static final byte[] ATR = HeldResponse.atrWithCheckByte(new byte[] {
        0x3B, (byte) 0x8A, (byte) 0x80, 0x01,
        (byte) 0x80, 0x58, 'V', 'J', 'P', 'K', 'I', '0', '0', '1'});

    private final VirtualCardProfile profile;
    private final CardQuirks quirks;
    private final JpkiApplication jpki;
    private final List<CardApplication> applications = new ArrayList<>();

    private CardApplication selectedApplication;
    private int currentFileId = NO_FILE;
    private final HeldResponse held = new HeldResponse();

    public VirtualJpkiCard(VirtualCardProfile profile) {
        this(profile, CardQuirks.NONE);
    }

    public VirtualJpkiCard(VirtualCardProfile profile, CardQuirks quirks) {
        this.profile = profile;
        this.quirks = quirks;
        this.jpki = new JpkiApplication(profile);
        applications.add(jpki);
        profile.freeArea().ifPresent(location -> applications.add(
                new FreeAreaApplication(location, profile.cardUserId())));
    }

    @Override
    public byte[] atr() {
        return ATR.clone();
    }

    public VirtualCardProfile profile() {
        return profile;
    }

    public CardQuirks quirks() {
        return quirks;
    }

    @Override
    public String cardUserId() {
        return profile.cardUserId();
    }

    /** Tries left on the user-authentication PIN, for tests that check the counter without spending a try. */
    @Override
    public synchronized int pinTriesLeft() {
        return jpki.pinTriesLeft();
    }

    /** A warm reset or a power cycle: selections and a verified PIN are forgotten, the retry counter is not. */
    @Override
    public synchronized void reset() {
        applications.forEach(CardApplication::resetSecurityState);
        selectedApplication = null;
        currentFileId = NO_FILE;
        held.clear();
    }

    /** Answers one command APDU with the response APDU, status word included. */
    @Override
    public synchronized byte[] transmit(byte[] command) {
        CommandApdu apdu;
        try {
            apdu = CommandApdu.parse(command);
        } catch (MalformedApduException e) {
            held.clear();
            return ResponseApdu.status(StatusWord.WRONG_LENGTH).toBytes();
        }

        if (apdu.ins() == INS_GET_RESPONSE && apdu.cla() == CLA_ISO) {
            return getResponse(apdu).toBytes();
        }
        // Any other command ends a pending GET RESPONSE sequence, as on a T=0 card.
        held.clear();
        return deliver(apdu, dispatch(apdu)).toBytes();
    }

    private ResponseApdu dispatch(CommandApdu apdu) {
        int expectedClass = apdu.ins() == INS_SIGN ? CLA_PROPRIETARY : CLA_ISO;
        boolean known = switch (apdu.ins()) {
            case INS_SELECT, INS_READ_BINARY, INS_VERIFY, INS_SIGN -> true;
            default -> false;
        };
        if (!known) {
            return ResponseApdu.status(StatusWord.INSTRUCTION_NOT_SUPPORTED);
        }
        if (apdu.cla() != expectedClass) {
            return ResponseApdu.status(StatusWord.CLASS_NOT_SUPPORTED);
        }
        return switch (apdu.ins()) {
            case INS_SELECT -> select(apdu);
            case INS_READ_BINARY -> readBinary(apdu);
            case INS_VERIFY -> selectedApplication == null
                    ? ResponseApdu.status(StatusWord.NO_CURRENT_EF)
                    : selectedApplication.verify(apdu, currentFileId);
            default -> selectedApplication == null
                    ? ResponseApdu.status(StatusWord.NO_CURRENT_EF)
                    : selectedApplication.sign(apdu, currentFileId);
        };
    }

    private ResponseApdu select(CommandApdu apdu) {
        if (apdu.p2() != SELECT_NO_ANSWER && apdu.p2() != SELECT_FIRST_OR_ONLY) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        if (apdu.p1() == SELECT_BY_AID) {
            return selectApplication(apdu.data());
        }
        if (apdu.p1() == SELECT_EF_UNDER_DF) {
            return selectFile(apdu);
        }
        return ResponseApdu.status(StatusWord.WRONG_P1_P2);
    }

    private ResponseApdu selectApplication(byte[] aid) {
        for (CardApplication application : applications) {
            if (application.hasAid(aid)) {
                // Leaving an application drops its verified PIN, so a PIN cannot be carried across applications.
                if (selectedApplication != null && selectedApplication != application) {
                    selectedApplication.resetSecurityState();
                }
                selectedApplication = application;
                currentFileId = NO_FILE;
                return ResponseApdu.status(StatusWord.SUCCESS);
            }
        }
        return ResponseApdu.status(StatusWord.FILE_NOT_FOUND);
    }

    private ResponseApdu selectFile(CommandApdu apdu) {
        if (apdu.dataLength() != 2) {
            return ResponseApdu.status(StatusWord.WRONG_LENGTH);
        }
        byte[] fid = apdu.data();
        int fileId = ((fid[0] & 0xFF) << 8) | (fid[1] & 0xFF);
        if (selectedApplication == null || !selectedApplication.hasFile(fileId)) {
            return ResponseApdu.status(StatusWord.FILE_NOT_FOUND);
        }
        currentFileId = fileId;
        return ResponseApdu.status(StatusWord.SUCCESS);
    }

    private ResponseApdu readBinary(CommandApdu apdu) {
        if ((apdu.p1() & SHORT_EF_FLAG) != 0) {
            return ResponseApdu.status(StatusWord.WRONG_P1_P2);
        }
        if (!apdu.hasLe() || apdu.dataLength() != 0) {
            return ResponseApdu.status(StatusWord.WRONG_LENGTH);
        }
        if (selectedApplication == null || currentFileId == NO_FILE) {
            return ResponseApdu.status(StatusWord.NO_CURRENT_EF);
        }
        byte[] content = selectedApplication.readableContent(currentFileId).orElse(null);
        if (content == null) {
            return ResponseApdu.status(StatusWord.INCOMPATIBLE_WITH_FILE);
        }
        int offset = apdu.p1p2();
        if (offset >= content.length) {
            return ResponseApdu.status(StatusWord.OFFSET_OUTSIDE_FILE);
        }
        int length = Math.min(apdu.le(), content.length - offset);
        return ResponseApdu.success(Arrays.copyOfRange(content, offset, offset + length));
    }

    private ResponseApdu deliver(CommandApdu apdu, ResponseApdu answer) {
        if (answer.dataLength() == 0) {
            return answer;
        }
        if (quirks.wrongLeAnswered6C() && apdu.hasLe() && apdu.le() != answer.dataLength()) {
            return ResponseApdu.status(StatusWord.withLength(StatusWord.WRONG_LE, answer.dataLength()));
        }
        if (quirks.moreDataViaGetResponse()) {
            return ResponseApdu.status(held.hold(answer.data(), answer.statusWord()));
        }
        return answer;
    }

    private ResponseApdu getResponse(CommandApdu apdu) {
        return held.next(apdu, quirks.wrongLeAnswered6C());
    }
}
