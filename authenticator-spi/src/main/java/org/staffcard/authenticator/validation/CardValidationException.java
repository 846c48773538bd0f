package org.staffcard.authenticator.validation;

import java.util.Optional;

/**
 * A card assertion failed one of the server's checks. Each check has its own subclass, so a test and a log line both
 * say exactly what was wrong.
 *
 * <p>{@link #errorCode()} is the event error of the server error table in docs/protocol.md; the login page picks its
 * message from it. {@link #adminDetail()} is for the server log: it names the failing certificate by subject, issuer
 * and serial, and never carries a whole certificate, a PIN, a password or a challenge.
 */
public abstract sealed class CardValidationException extends Exception
        permits AlgorithmNotAllowedException, MalformedCertificateException, CertificateWrongPurposeException,
        CertificateExpiredException, CertificateNotYetValidException, CertificateUntrustedException,
        SignatureInvalidException, CertificatePolicyRefusedException, ExtendedKeyUsageMissingException,
        CertificateRevokedException, RevocationUnavailableException, CardIssuerNotAcceptedException {

    private final String errorCode;
    private final String adminDetail;
    private final CertificateIdentity leaf;

    CardValidationException(String errorCode, CertificateIdentity leaf, String adminDetail, Throwable cause) {
        super(errorCode + ": " + adminDetail, cause);
        this.errorCode = errorCode;
        this.adminDetail = adminDetail;
        this.leaf = leaf;
    }

    /** The event error, e.g. {@code card_certificate_expired}. */
    public final String errorCode() {
        return errorCode;
    }

    /** One sentence for the server log that names the failing certificate and what was wrong with it. */
    public final String adminDetail() {
        return adminDetail;
    }

    /**
     * The card's leaf certificate, once it could be parsed, so the sign-in event can record its issuer and serial
     * even when the failure lies elsewhere in the path.
     */
    public final Optional<CertificateIdentity> leaf() {
        return Optional.ofNullable(leaf);
    }
}
