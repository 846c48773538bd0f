package org.staffcard.protocol;

import java.util.List;

/**
 * What the agent answers after the card signed: the card user ID, the certificate chain (leaf first, DER), the
 * declared algorithm and the signature. It carries no origin and no challenge: the server supplies both from its own
 * state when it rebuilds the {@link SignedPayload}.
 */
public record CardAssertion(String cardUserId, List<byte[]> certificateChain, SignatureAlgorithm algorithm,
                            byte[] signature) {

    public CardAssertion {
        certificateChain = List.copyOf(certificateChain);
    }

    public byte[] leafCertificate() {
        return certificateChain.get(0);
    }
}
