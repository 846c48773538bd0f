package org.staffcard.virtualcard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The organisation's own application on the card: one transparent file holding the staff card user ID as text,
 * readable without a PIN because the ID alone proves nothing; the signature does.
 */
final class FreeAreaApplication implements CardApplication {

    private final byte[] aid;
    private final int fileId;
    private final byte[] cardUserId;

    FreeAreaApplication(FreeAreaLocation location, String cardUserId) {
        this.aid = location.aid();
        this.fileId = location.fileId();
        this.cardUserId = cardUserId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean hasAid(byte[] candidate) {
        return Arrays.equals(aid, candidate);
    }

    @Override
    public boolean hasFile(int candidate) {
        return candidate == fileId;
    }

    @Override
    public Optional<byte[]> readableContent(int candidate) {
        return candidate == fileId ? Optional.of(cardUserId.clone()) : Optional.empty();
    }

    @Override
    public ResponseApdu verify(CommandApdu command, int currentFileId) {
        return ResponseApdu.status(StatusWord.INSTRUCTION_NOT_SUPPORTED);
    }

    @Override
    public ResponseApdu sign(CommandApdu command, int currentFileId) {
        return ResponseApdu.status(StatusWord.INSTRUCTION_NOT_SUPPORTED);
    }

    @Override
    public void resetSecurityState() {
        // Nothing to forget: the free area has no PIN.
    }
}
