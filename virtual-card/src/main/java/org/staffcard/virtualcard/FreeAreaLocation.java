package org.staffcard.virtualcard;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where the organisation's free area sits on the card: the AID of its application and the file holding the card
 * user ID. The organisation chooses both when it issues cards, so they are settings, not constants.
 */
public final class FreeAreaLocation {

    /** The demo organisation's AID: 0xF0 (proprietary) followed by ASCII "STAFFID". */
    public static final FreeAreaLocation DEMO = parse("F053544146464944", "0001");

    private final byte[] aid;
    private final int fileId;

    public FreeAreaLocation(byte[] aid, int fileId) {
        if (aid.length < 5 || aid.length > 16) {
            throw new IllegalArgumentException("an AID has 5 to 16 bytes, got " + aid.length);
        }
        if (fileId < 0 || fileId > 0xFFFF) {
            throw new IllegalArgumentException("a file ID has two bytes, got " + fileId);
        }
        this.aid = aid.clone();
        this.fileId = fileId;
    }

    public static FreeAreaLocation parse(String aidHex, String fileIdHex) {
        return new FreeAreaLocation(HexFormat.of().parseHex(aidHex), Integer.parseInt(fileIdHex, 16));
    }

    public byte[] aid() {
        return aid.clone();
    }

    public int fileId() {
        return fileId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FreeAreaLocation that && Arrays.equals(aid, that.aid) && fileId == that.fileId;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(aid) + fileId;
    }

    @Override
    public String toString() {
        return "FreeAreaLocation[aid=" + HexFormat.of().withUpperCase().formatHex(aid)
                + ", fid=" + String.format("%04X", fileId) + "]";
    }
}
