package org.staffcard.virtualcard;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** The kinds of PIV Authentication key the virtual PIV card holds, with their algorithm identifiers (SP 800-78-4). */
public enum PivKeyType {
    RSA_2048(0x07),
    ECC_P256(0x11);

    private static final int RSA_BITS = 2048;
    private static final int P256_FIELD_BITS = 256;

    private final int algorithmId;

    PivKeyType(int algorithmId) {
        this.algorithmId = algorithmId;
    }

    /** P1 of GENERAL AUTHENTICATE for this key. */
    int algorithmId() {
        return algorithmId;
    }

    /** The type of a private key, refusing sizes and curves the virtual card does not emulate. */
    static PivKeyType of(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() == RSA_BITS) {
            return RSA_2048;
        }
        if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() == P256_FIELD_BITS) {
            return ECC_P256;
        }
        throw new IllegalArgumentException("the virtual PIV card holds an RSA-2048 or a P-256 key, got a "
                + key.getAlgorithm() + " key");
    }
}
