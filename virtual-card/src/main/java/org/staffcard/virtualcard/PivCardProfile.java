package org.staffcard.virtualcard;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Everything one virtual PIV card holds: the X.509 Certificate for PIV Authentication with the key of slot 9A, the
 * PIV Card Application PIN, and the card UUID the CHUID carries. The card user ID of a PIV card is that UUID.
 */
public final class PivCardProfile {

    private static final int UUID_BYTES = 16;

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final PivKeyType keyType;
    private final String pin;
    private final byte[] cardUuid;

    /**
     * @param pin      6 to 8 digits, as SP 800-73-4 sets for the PIV Card Application PIN
     * @param cardUuid the 16 bytes of the card UUID (RFC 4122) in the CHUID's GUID field
     */
    public PivCardProfile(X509Certificate certificate, PrivateKey privateKey, String pin, byte[] cardUuid) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.keyType = PivKeyType.of(privateKey);
        this.privateKey = privateKey;
        if (!pin.matches("[0-9]{6,8}")) {
            throw new IllegalArgumentException("a PIV PIN has 6 to 8 digits");
        }
        this.pin = pin;
        if (cardUuid.length != UUID_BYTES) {
            throw new IllegalArgumentException("a card UUID has 16 bytes, got " + cardUuid.length);
        }
        this.cardUuid = cardUuid.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PivKeyType keyType() {
        return keyType;
    }

    public String pin() {
        return pin;
    }

    public byte[] cardUuid() {
        return cardUuid.clone();
    }

    /** The card UUID as 32 lowercase hex characters, which is what the agent sends as the card user ID. */
    public String cardUserId() {
        return HexFormat.of().formatHex(cardUuid);
    }

    /** Never shows the PIN or the key: profiles end up in test failure messages. */
    @Override
    public String toString() {
        return "PivCardProfile[cardUserId=" + cardUserId() + ", key=" + keyType + ", subject="
                + certificate.getSubjectX500Principal() + "]";
    }
}
