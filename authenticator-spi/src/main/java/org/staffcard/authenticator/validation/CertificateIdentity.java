package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

/**
 * How a certificate is named in events and log lines: subject and issuer (RFC 2253) and the serial number in
 * lowercase hex without leading zeros. Enough to find the certificate at its CA, without the certificate itself.
 */
public record CertificateIdentity(String subjectDn, String issuerDn, String serialHex) {

    public CertificateIdentity {
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(issuerDn, "issuerDn");
        Objects.requireNonNull(serialHex, "serialHex");
    }

    public static CertificateIdentity of(X509Certificate certificate) {
        return new CertificateIdentity(
                DistinguishedNames.readable(certificate.getSubjectX500Principal()),
                DistinguishedNames.readable(certificate.getIssuerX500Principal()),
                certificate.getSerialNumber().toString(16));
    }

    /**
     * The identity as one line of log text. The names come from a certificate that may not be trusted yet, so
     * control characters are replaced: a subject must not be able to start a forged log line.
     */
    public String describe() {
        return "subject '" + printable(subjectDn) + "', issuer '" + printable(issuerDn) + "', serial " + serialHex;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
