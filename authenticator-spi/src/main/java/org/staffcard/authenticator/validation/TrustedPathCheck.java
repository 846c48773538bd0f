package org.staffcard.authenticator.validation;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Step 5: the built path must be sound under RFC 5280 section 6, as BouncyCastle's PKIX validator checks it: every
 * signature, basic constraints and path length of each CA, keyCertSign in each CA's key usage, name constraints,
 * certificate policy processing (policy constraints, mappings, inhibit any-policy), and no unknown critical
 * extension. It runs at an instant inside the validity of every certificate of the path (see {@link #pkixInstant}).
 */
final class TrustedPathCheck {

    private final Clock clock;

    TrustedPathCheck(Clock clock) {
        this.clock = clock;
    }

    void check(CardCertificatePath path, CertificateIdentity leafIdentity) throws CardValidationException {
        if (path.anchor().isEmpty()) {
            X509Certificate top = path.chain().get(path.chain().size() - 1);
            throw new CertificateUntrustedException(leafIdentity, "the path of leaf certificate "
                    + leafIdentity.describe() + " does not reach a configured trust anchor: the issuer '"
                    + DistinguishedNames.readable(top.getIssuerX500Principal()) + "' of " + path.roleOf(top)
                    + " certificate " + CertificateIdentity.of(top).describe() + " is neither a configured trust "
                    + "anchor nor an intermediate that the card sent or the configuration names, or it did not sign "
                    + "it", null);
        }

        try {
            validator().validate(certPath(path), parameters(path));
        } catch (CertPathValidatorException e) {
            throw refusal(path, leafIdentity, e);
        } catch (GeneralSecurityException e) {
            throw new CertificateUntrustedException(leafIdentity, "the path of leaf certificate "
                    + leafIdentity.describe() + " could not be checked: " + e.getMessage(), e);
        }
    }

    private PKIXParameters parameters(CardCertificatePath path) throws GeneralSecurityException {
        TrustAnchor anchor = new TrustAnchor(path.anchor().orElseThrow(), null);
        PKIXParameters parameters = new PKIXParameters(Set.of(anchor));

        // Revocation is not checked here: the revocation component checks the validated path afterwards, and
        // until it has run, a revoked card whose path is otherwise sound passes this step.
        parameters.setRevocationEnabled(false);

        // Policy qualifiers (a CPS address, a user notice) are only information, and RFC 5280 allows an issuer to
        // put them in critical certificate policies.
        parameters.setPolicyQualifiersRejected(false);

        PathSignatureProvider.forPath(path).ifPresent(parameters::setSigProvider);

        parameters.setDate(Date.from(pkixInstant(path)));
        return parameters;
    }

    /** BouncyCastle's validator; the JDK's only where BouncyCastle's classes cannot be loaded at all. */
    private static CertPathValidator validator() throws GeneralSecurityException {
        Provider provider = BouncyCastleInstance.get();
        return provider != null
                ? CertPathValidator.getInstance("PKIX", provider)
                : CertPathValidator.getInstance("PKIX");
    }

    private static CertPath certPath(CardCertificatePath path) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertPath(path.chain());
    }

    /**
     * PKIX checks validity once more, at a single instant and without skew. The validity step has already allowed
     * the skew for each certificate, so PKIX gets the server time moved into the window where all of them are valid,
     * which is at most the skew away. When no such window exists PKIX refuses, and that is reported as expiry.
     */
    private Instant pkixInstant(CardCertificatePath path) {
        List<X509Certificate> certificates = new ArrayList<>(path.chain());
        path.anchor().ifPresent(certificates::add);

        Instant now = clock.instant();
        Instant latestStart = Instant.MIN;
        Instant earliestEnd = Instant.MAX;
        for (X509Certificate certificate : certificates) {
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

        if (e.getReason() == BasicReason.EXPIRED
                || e.getCause() instanceof java.security.cert.CertificateExpiredException) {
            return new CertificateExpiredException(leafIdentity, name + " is expired at the instant PKIX checked");
        }
        if (e.getReason() == BasicReason.NOT_YET_VALID
                || e.getCause() instanceof java.security.cert.CertificateNotYetValidException) {
            return new CertificateNotYetValidException(leafIdentity, name
                    + " is not yet valid at the instant PKIX checked");
        }
        String refused = failing.equals(path.leaf()) ? "" : "; PKIX refused " + name;
        return new CertificateUntrustedException(leafIdentity, "the path of leaf certificate "
                + leafIdentity.describe() + " does not reach a configured trust anchor" + refused
                + " (" + e.getMessage() + ")", e);
    }
}
