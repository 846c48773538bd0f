package org.staffcard.authenticator.revocation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks a certificate's serial number up in the CRL of its issuer among the configured locations. */
final class CrlCheck {

    private final List<CrlSource> sources;

    CrlCheck(List<CrlSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * @return the answer and where it came from
     * @throws RevocationDataException when no configured location gives a current CRL of the certificate's issuer
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
        if (problems.isEmpty()) {
            throw new RevocationDataException("none of the " + sources.size() + " configured CRLs is issued by '"
                    + issuer.getSubjectX500Principal().getName() + "'");
        }
        throw new RevocationDataException(String.join("; ", problems));
    }

    record Answer(boolean revoked, String source) {
    }
}
