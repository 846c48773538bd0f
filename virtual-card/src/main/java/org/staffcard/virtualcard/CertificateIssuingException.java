package org.staffcard.virtualcard;

/** The JDK or BouncyCastle refused to make a key pair or a certificate; nothing a caller can retry. */
public final class CertificateIssuingException extends RuntimeException {

    CertificateIssuingException(String message, Throwable cause) {
        super(message, cause);
    }
}
