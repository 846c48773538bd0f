package org.staffcard.virtualcard;

import java.util.Optional;

/** One application on the card, chosen with SELECT by AID; it owns its files and its security state. */
interface CardApplication {

    boolean hasAid(byte[] aid);

    boolean hasFile(int fileId);

    /** The bytes READ BINARY may return from this file, or empty when the file is a PIN or a key. */
    Optional<byte[]> readableContent(int fileId);

    ResponseApdu verify(CommandApdu command, int currentFileId);

    ResponseApdu sign(CommandApdu command, int currentFileId);

    /** Forgets a verified PIN: on reset, power-off, and when another application is selected. */
    void resetSecurityState();
}
