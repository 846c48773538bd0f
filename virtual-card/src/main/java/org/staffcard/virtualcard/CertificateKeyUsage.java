package org.staffcard.virtualcard;

import org.bouncycastle.asn1.x509.KeyUsage;

/** The key usage bits of RFC 5280, section 4.2.1.3, that a test certificate may carry. */
public enum CertificateKeyUsage {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    NON_REPUDIATION(KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),
    KEY_AGREEMENT(KeyUsage.keyAgreement),
    KEY_CERT_SIGN(KeyUsage.keyCertSign),
    CRL_SIGN(KeyUsage.cRLSign);

    private final int bouncyCastleBit;

    CertificateKeyUsage(int bouncyCastleBit) {
        this.bouncyCastleBit = bouncyCastleBit;
    }

    int bouncyCastleBit() {
        return bouncyCastleBit;
    }
}
