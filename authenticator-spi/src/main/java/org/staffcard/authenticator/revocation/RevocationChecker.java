package org.staffcard.authenticator.revocation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.staffcard.authenticator.validation.CertificateIdentity;
import org.staffcard.authenticator.validation.CertificateRevokedException;
import org.staffcard.authenticator.validation.RevocationCheck;
import org.staffcard.authenticator.validation.RevocationOutcome;
import org.staffcard.authenticator.validation.RevocationUnavailableException;

/**
 * The revocation step as the admin configured it: OCSP, a CRL, OCSP with the CRL as fallback, or nothing. Holds the
 * OCSP answer cache and the loaded CRLs, so one instance serves all sign-ins of one authenticator setting.
 *
 * <p>Fails closed: without a trustworthy, current answer the card is refused as "revocation unavailable". Only the
 * explicit fail-open setting lets such a card through, and then every time it does so it writes a warning.
 */
public final class RevocationChecker implements RevocationCheck {

    private static final Logger LOG = Logger.getLogger(RevocationChecker.class);

    private final RevocationSettings settings;
    private final OcspCheck ocsp;
    private final CrlCheck crl;

    private RevocationChecker(RevocationSettings settings, OcspCheck ocsp, CrlCheck crl) {
        this.settings = settings;
        this.ocsp = ocsp;
        this.crl = crl;
    }

    /** Builds the check; {@link RevocationPolicy#NONE} gives {@link RevocationCheck#NONE}. */
    public static RevocationCheck of(RevocationSettings settings, Clock clock) {
        if (settings.policy() == RevocationPolicy.NONE) {
            return RevocationCheck.NONE;
        }
        RevocationTransport transport = new RevocationTransport(settings.connectTimeout(), settings.readTimeout());
        OcspCheck ocsp = settings.policy().usesOcsp()
                ? new OcspCheck(settings.ocspResponder(), transport, new OcspResponseVerifier(
                        settings.ocspResponderCertificate(), settings.nonce(), settings.clockSkew()), clock)
                : null;
        CrlCheck crl = settings.policy().usesCrl()
                ? new CrlCheck(settings.crlLocations().stream()
                        .map(location -> new CrlSource(CrlLocation.of(location), transport, clock,
                                settings.crlMaxAge(), settings.clockSkew()))
                        .toList(),
                        settings.crlDistributionPoints()
                                ? Optional.of(new DistributionPointCrls(transport, clock, settings.crlMaxAge(),
                                        settings.clockSkew()))
                                : Optional.empty())
                : null;
        return new RevocationChecker(settings, ocsp, crl);
    }

    @Override
    public RevocationOutcome check(X509Certificate leaf, X509Certificate issuer, CertificateIdentity leafIdentity)
            throws CertificateRevokedException, RevocationUnavailableException {
        try {
            return ask(leaf, issuer, leafIdentity);
        } catch (RevocationDataException e) {
            if (!settings.failOpen()) {
                throw new RevocationUnavailableException(leafIdentity, "the revocation status of leaf certificate "
                        + leafIdentity.describe() + " could not be checked (policy " + settings.policy().setting()
                        + "): " + e.getMessage(), e);
            }
            LOG.warnf("Card certificate %s let through WITHOUT a revocation check because the configuration "
                    + "fails open: %s", leafIdentity.describe(), e.getMessage());
            return RevocationOutcome.failedOpen(e.getMessage());
        }
    }

    private RevocationOutcome ask(X509Certificate leaf, X509Certificate issuer, CertificateIdentity leafIdentity)
            throws RevocationDataException, CertificateRevokedException {
        Optional<RevocationDataException> ocspProblem = Optional.empty();
        if (ocsp != null) {
            try {
                OcspAnswer answer = ocsp.check(leaf, issuer);
                return judge(answer, leafIdentity);
            } catch (RevocationDataException e) {
                if (crl == null) {
                    throw e;
                }
                LOG.debugf("OCSP gave no usable answer for %s, trying the CRL: %s", leafIdentity.describe(),
                        e.getMessage());
                ocspProblem = Optional.of(e);
            }
        }

        try {
            CrlCheck.Answer answer = crl.check(leaf, issuer);
            if (answer.revoked()) {
                throw new CertificateRevokedException(leafIdentity, "leaf certificate " + leafIdentity.describe()
                        + " is listed as revoked in " + answer.source());
            }
            return RevocationOutcome.good(answer.source());
        } catch (RevocationDataException e) {
            String both = ocspProblem.map(o -> "OCSP: " + o.getMessage() + "; CRL: ").orElse("") + e.getMessage();
            throw new RevocationDataException(both, e);
        }
    }

    /** "unknown" is refused like "revoked": a responder that does not know a certificate cannot vouch for it. */
    private static RevocationOutcome judge(OcspAnswer answer, CertificateIdentity leafIdentity)
            throws CertificateRevokedException {
        switch (answer.status()) {
            case GOOD:
                return RevocationOutcome.good("OCSP " + answer.responder() + " (thisUpdate " + answer.thisUpdate()
                        + ")");
            case REVOKED:
                throw new CertificateRevokedException(leafIdentity, "OCSP responder " + answer.responder()
                        + " reports leaf certificate " + leafIdentity.describe() + " as revoked");
            default:
                throw new CertificateRevokedException(leafIdentity, "OCSP responder " + answer.responder()
                        + " reports leaf certificate " + leafIdentity.describe() + " as unknown; it is refused like "
                        + "a revoked one");
        }
    }

    /** For tests and the benchmark: how many good OCSP answers are held. */
    int cachedOcspAnswers() {
        return ocsp == null ? 0 : ocsp.cachedAnswers();
    }

    List<String> crlLocations() {
        return settings.crlLocations();
    }
}
