package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 4: every certificate of the path must be within its validity period, give or take the allowed clock skew.
 *
 * <p>The trust anchor is checked too: the JDK's PKIX validator takes the anchor's key as given and never looks at its
 * dates, so a leaf under an expired CA would otherwise pass.
 */
final class CertificateValidityCheck {

    private final Clock clock;
    private final Duration clockSkew;

    CertificateValidityCheck(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    void check(CardCertificatePath path, CertificateIdentity leafIdentity)
            throws CertificateExpiredException, CertificateNotYetValidException {
        Instant now = clock.instant();
        List<X509Certificate> certificates = new ArrayList<>(path.chain());
        path.anchor().ifPresent(certificates::add);

        for (X509Certificate certificate : certificates) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();

            if (now.isAfter(notAfter.plus(clockSkew))) {
                throw new CertificateExpiredException(leafIdentity, name(path, certificate) + " expired at "
                        + notAfter + " (server time " + now + ", allowed skew " + clockSkew + ")");
            }

            if (now.plus(clockSkew).isBefore(notBefore)) {
                throw new CertificateNotYetValidException(leafIdentity, name(path, certificate)
                        + " is not valid before " + notBefore + " (server time " + now + ", allowed skew "
                        + clockSkew + ")");
            }
        }
    }

    /** Built only for a refusal: printing names costs more than the date checks themselves. */
    private static String name(CardCertificatePath path, X509Certificate certificate) {
        return path.roleOf(certificate) + " certificate " + CertificateIdentity.of(certificate).describe();
    }
}
