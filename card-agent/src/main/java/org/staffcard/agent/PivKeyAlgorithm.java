package org.staffcard.agent;

import org.staffcard.protocol.SignatureAlgorithm;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The PIV Authentication keys the agent signs with, told apart by the certificate's public key, with the algorithm
 * identifier GENERAL AUTHENTICATE takes (SP 800-78-4) and the algorithm the assertion declares.
 */
enum PivKeyAlgorithm {
    RSA_2048(0x07, SignatureAlgorithm.RS256),
    ECC_P256(0x11, SignatureAlgorithm.ES256);

    private static final int RSA_BITS = 2048;
    private static final int P256_FIELD_BITS = 256;

    private final int id;
    private final SignatureAlgorithm signatureAlgorithm;

    PivKeyAlgorithm(int id, SignatureAlgorithm signatureAlgorithm) {
        this.id = id;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    int id() {
        return id;
    }

    SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    static PivKeyAlgorithm of(PublicKey key) throws CardUnsupportedException {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == RSA_BITS) {
            return RSA_2048;
        }
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == P256_FIELD_BITS) {
            return ECC_P256;
        }
        throw new CardUnsupportedException("the PIV Authentication key is a " + key.getAlgorithm() + " key the agent "
                + "does not sign with; it signs with RSA-2048 and ECC P-256 keys");
    }
}
