package org.staffcard.agent;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where the organisation wrote the staff card user ID: the AID of its free-area application and the file in it.
 * The organisation chooses both when it issues cards, so they come from the agent's configuration.
 */
public record FreeAreaFile(byte[] aid, int fileId) {

    /** The demo organisation's choice: 0xF0 (proprietary) and ASCII "STAFFID", file 0001. */
    public static final FreeAreaFile DEMO = new FreeAreaFile(HexFormat.of().parseHex("F053544146464944"), 0x0001);

    public FreeAreaFile {
        if (aid.length < 5 || aid.length > 16) {
            throw new IllegalArgumentException("an AID has 5 to 16 bytes, got " + aid.length);
        }
        if (fileId < 0 || fileId > 0xFFFF) {
            throw new IllegalArgumentException("a file ID has two bytes");
        }
        aid = aid.clone();
    }

    @Override
    public byte[] aid() {
        return aid.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FreeAreaFile that && Arrays.equals(aid, that.aid) && fileId == that.fileId;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(aid) + fileId;
    }

    @Override
    public String toString() {
        return "aid " + HexFormat.of().withUpperCase().formatHex(aid) + ", file " + String.format("%04X", fileId);
    }
}
