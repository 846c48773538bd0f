package org.staffcard.virtualcard;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one virtual card holds: the user-authentication certificate and its CA certificate, the matching
 * private key, the PIN, and the card user ID the organisation wrote into its free area.
 *
 * @param certificateChain the leaf first, then optionally its CA certificate (the JPKI card holds these two)
 * @param privateKey       the leaf's RSA private key
 * @param pin              the user-authentication PIN as ASCII
 * @param cardUserId       the content of the free-area file; not checked against the sign-in rules on purpose, so
 *                         tests can issue cards with IDs the agent and the server must refuse
 * @param freeArea         where the free area lives, or empty for a card the organisation never wrote to
 */
public record VirtualCardProfile(List<X509Certificate> certificateChain, PrivateKey privateKey, String pin,
                                 String cardUserId, Optional<FreeAreaLocation> freeArea) {

    public VirtualCardProfile {
        certificateChain = List.copyOf(certificateChain);
        if (certificateChain.isEmpty() || certificateChain.size() > 2) {
            throw new IllegalArgumentException("the card holds a leaf and at most one CA certificate, got "
                    + certificateChain.size() + " certificates");
        }
        if (!(privateKey instanceof RSAPrivateKey)) {
            throw new IllegalArgumentException("a JPKI card signs with RSA, got a " + privateKey.getAlgorithm()
                    + " key");
        }
        if (pin.isEmpty() || pin.length() > 16 || !StandardCharsets.US_ASCII.newEncoder().canEncode(pin)) {
            throw new IllegalArgumentException("the PIN must be 1 to 16 ASCII characters");
        }
        Objects.requireNonNull(cardUserId, "cardUserId");
        if (cardUserId.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("the card user ID must fit a 255-byte file");
        }
        Objects.requireNonNull(freeArea, "freeArea");
    }

    public X509Certificate certificate() {
        return certificateChain.get(0);
    }

    public Optional<X509Certificate> caCertificate() {
        return certificateChain.size() > 1 ? Optional.of(certificateChain.get(1)) : Optional.empty();
    }

    /** Never shows the PIN or the key: profiles end up in test failure messages. */
    @Override
    public String toString() {
        return "VirtualCardProfile[cardUserId=" + cardUserId + ", subject="
                + certificate().getSubjectX500Principal() + ", freeArea=" + freeArea + "]";
    }
}
