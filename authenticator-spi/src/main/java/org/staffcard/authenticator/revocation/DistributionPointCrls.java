package org.staffcard.authenticator.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.staffcard.authenticator.validation.CertificateIdentity;

/**
 * CRLs read from the distribution points that card certificates name. Each address gets one {@link CrlSource}, so
 * its CRL is fetched and parsed once, shared by every card that names it, and refreshed like a configured CRL. The
 * addresses come from certificates whose path and signature were already validated, so only the CAs the admin
 * trusts decide where the server connects.
 */
final class DistributionPointCrls {

    private static final Logger LOG = Logger.getLogger(DistributionPointCrls.class);

    /** Distinct addresses held at once; a real deployment has a handful, one per issuing CA and partition. */
    static final int MAX_SOURCES = 64;

    private final RevocationTransport transport;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration skew;
    private final Map<URI, CrlSource> sources = new ConcurrentHashMap<>();
    private final Set<String> reportedRefusals = ConcurrentHashMap.newKeySet();

    DistributionPointCrls(RevocationTransport transport, Clock clock, Duration maxAge, Duration skew) {
        this.transport = transport;
        this.clock = clock;
        this.maxAge = maxAge;
        this.skew = skew;
    }

    /**
     * The current CRL of {@code issuer} from the first of the leaf's http distribution points that serves one.
     *
     * @throws RevocationDataException when the leaf names no http distribution point or none serves a usable CRL
     */
    CrlCheck.Answer check(X509Certificate leaf, X509Certificate issuer) throws RevocationDataException {
        CrlDistributionPoints points = CrlDistributionPoints.of(leaf);
        reportRefused(points.refused(), leaf);
        if (points.http().isEmpty()) {
            throw new RevocationDataException("the certificate names no http:// CRL distribution point"
                    + (points.refused().isEmpty() ? "" : " (only " + points.refused() + ")"));
        }

        List<String> problems = new ArrayList<>();
        for (URI address : points.http()) {
            try {
                Optional<CertificateRevocationList> crl = sourceFor(address).current(issuer);
                if (crl.isPresent()) {
                    return new CrlCheck.Answer(crl.get().isRevoked(leaf.getSerialNumber()), "CRL distribution point "
                            + address + " (thisUpdate " + crl.get().thisUpdate() + ")");
                }
                problems.add("the CRL at distribution point " + address + " is issued by another CA than '"
                        + issuer.getSubjectX500Principal().getName() + "'");
            } catch (RevocationDataException e) {
                problems.add(e.getMessage());
            }
        }
        throw new RevocationDataException(String.join("; ", problems));
    }

    private CrlSource sourceFor(URI address) {
        if (sources.size() >= MAX_SOURCES && !sources.containsKey(address)) {
            // Dropping all keeps the bound without tracking use; the CRLs still needed are read again once.
            sources.clear();
        }
        return sources.computeIfAbsent(address, key -> new CrlSource(CrlLocation.distributionPoint(key), transport,
                clock, maxAge, skew));
    }

    /** Once per address, so a CA that writes an ldap point into every card does not flood the log. */
    private void reportRefused(List<String> refused, X509Certificate leaf) {
        for (String address : refused) {
            if (reportedRefusals.size() < MAX_SOURCES && reportedRefusals.add(address)) {
                LOG.warnf("CRL distribution point '%s' of card certificate %s is not read: only http:// "
                        + "distribution points are (not ldap, not https). If no http:// point or configured CRL "
                        + "location serves this CA's CRL, add one under 'CRL locations'.", address,
                        CertificateIdentity.of(leaf).describe());
            }
        }
    }

    int heldSources() {
        return sources.size();
    }
}
