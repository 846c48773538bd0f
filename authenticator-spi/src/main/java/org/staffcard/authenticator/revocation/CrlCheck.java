package org.staffcard.authenticator.revocation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks a certificate's serial number up in the CRL of its issuer: first among the configured locations, then, when
 * the admin turned it on and none of them holds that CA's CRL, at the distribution points the certificate names.
 */
final class CrlCheck {

    private final List<CrlSource> sources;
    private final Optional<DistributionPointCrls> distributionPoints;

    CrlCheck(List<CrlSource> sources) {
        this(sources, Optional.empty());
    }

    CrlCheck(List<CrlSource> sources, Optional<DistributionPointCrls> distributionPoints) {
        this.sources = List.copyOf(sources);
        this.distributionPoints = distributionPoints;
    }

    /**
     * @return the answer and where it came from
     * @throws RevocationDataException when neither a configured location nor, when used, a distribution point gives
     *                                 a current CRL of the certificate's issuer
     */
    Answer check(X509Certificate leaf, X509Certificate issuer) throws RevocationDataException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Optional<CertificateRevocationList> crl;
            try {
                crl = sources.get(i).current(issuer);
            } catch (RevocationDataException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (crl.isPresent()) {
                boolean revoked = crl.get().isRevoked(leaf.getSerialNumber());
                return new Answer(revoked, "CRL " + (i + 1) + " of " + sources.size() + " (thisUpdate "
                        + crl.get().thisUpdate() + ")");
            }
        }
        if (problems.isEmpty() && !sources.isEmpty()) {
            problems.add("none of the " + sources.size() + " configured CRLs is issued by '"
                    + issuer.getSubjectX500Principal().getName() + "'");
        }

        if (distributionPoints.isPresent()) {
            try {
                return distributionPoints.get().check(leaf, issuer);
            } catch (RevocationDataException e) {
                problems.add(e.getMessage());
            }
        }
        throw new RevocationDataException(String.join("; ", problems));
    }

    record Answer(boolean revoked, String source) {
    }
}
