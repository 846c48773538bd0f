package org.staffcard.authenticator.validation;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Step 5: the path must chain to a configured trust anchor under the JDK's PKIX rules (RFC 5280 section 6). */
final class TrustedPathCheck {

    private final TrustAnchors trustAnchors;
    private final Clock clock;

    TrustedPathCheck(TrustAnchors trustAnchors, Clock clock) {
        this.trustAnchors = trustAnchors;
        this.clock = clock;
    }

    void check(CardCertificatePath path, CertificateIdentity leafIdentity) throws CardValidationException {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path.chain());
            PKIXParameters parameters = new PKIXParameters(trustAnchors.pkixAnchors());

            // Revocation is not checked here: the revocation component checks the validated path afterwards, and
            // until it has run, a revoked card whose path is otherwise sound passes this step.
            parameters.setRevocationEnabled(false);

            // Policy qualifiers (a CPS address, a user notice) are only information, yet by default the JDK refuses
            // a certificate whose critical certificate policies carry one, which RFC 5280 allows an issuer to do.
            parameters.setPolicyQualifiersRejected(false);

            parameters.setDate(Date.from(pkixInstant(path.chain())));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw refusal(path, leafIdentity, e);
        } catch (GeneralSecurityException e) {
            throw new CertificateUntrustedException(leafIdentity, "the path of leaf certificate "
                    + leafIdentity.describe() + " could not be checked: " + e.getMessage(), e);
        }
    }

    /**
     * PKIX checks validity once more, at a single instant and without skew. The validity step has already allowed
     * the skew for each certificate, so PKIX gets the server time moved into the window where all of them are valid,
     * which is at most the skew away. When no such window exists PKIX refuses, and that is reported as expiry.
     */
    private Instant pkixInstant(List<X509Certificate> chain) {
        Instant now = clock.instant();
        Instant latestStart = Instant.MIN;
        Instant earliestEnd = Instant.MAX;
        for (X509Certificate certificate : chain) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            latestStart = notBefore.isAfter(latestStart) ? notBefore : latestStart;
            earliestEnd = notAfter.isBefore(earliestEnd) ? notAfter : earliestEnd;
        }

        if (latestStart.isAfter(earliestEnd)) {
            return now;
        }
        if (now.isBefore(latestStart)) {
            return latestStart;
        }
        return now.isAfter(earliestEnd) ? earliestEnd : now;
    }

    private static CardValidationException refusal(CardCertificatePath path, CertificateIdentity leafIdentity,
                                                   CertPathValidatorException e) {
        int index = e.getIndex();
        X509Certificate failing = index >= 0 && index < path.chain().size()
                ? path.chain().get(index)
                : path.chain().get(path.chain().size() - 1);
        String name = path.roleOf(failing) + " certificate " + CertificateIdentity.of(failing).describe();

        if (e.getReason() == BasicReason.EXPIRED) {
            return new CertificateExpiredException(leafIdentity, name + " is expired at the instant PKIX checked");
        }
        if (e.getReason() == BasicReason.NOT_YET_VALID) {
            return new CertificateNotYetValidException(leafIdentity, name
                    + " is not yet valid at the instant PKIX checked");
        }
        String refused = failing.equals(path.leaf()) ? "" : "; PKIX refused " + name;
        return new CertificateUntrustedException(leafIdentity, "the path of leaf certificate "
                + leafIdentity.describe() + " does not reach a configured trust anchor" + refused
                + " (" + e.getReason() + ": " + e.getMessage() + ")", e);
    }
}
