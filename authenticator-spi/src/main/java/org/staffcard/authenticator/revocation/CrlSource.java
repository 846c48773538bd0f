package org.staffcard.authenticator.revocation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.jboss.logging.Logger;
import org.staffcard.authenticator.validation.SpkiFingerprint;

/**
 * One configured CRL location and the CRL last read from it. The CRL is fetched and parsed once, shared by all
 * sign-ins, and read again when its nextUpdate has passed or it has been held for the maximum age. Sign-ins that
 * arrive together while it loads wait for the one load instead of each starting their own.
 */
final class CrlSource {

    private static final Logger LOG = Logger.getLogger(CrlSource.class);

    /** After a failed load, sign-ins are answered from that failure for this long instead of waiting on it again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final CrlLocation location;
    private final RevocationTransport transport;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration skew;

    private volatile Snapshot snapshot;
    private volatile Failure lastFailure;

    CrlSource(CrlLocation location, RevocationTransport transport, Clock clock, Duration maxAge, Duration skew) {
        this.location = location;
        this.transport = transport;
        this.clock = clock;
        this.maxAge = maxAge;
        this.skew = skew;
    }

    /**
     * The current CRL of {@code issuer} from this location, or empty when this location holds another CA's CRL.
     *
     * @throws RevocationDataException when no usable CRL can be had: unreachable, unreadable, badly signed, or
     *                                 past its nextUpdate with no newer one available
     */
    Optional<CertificateRevocationList> current(X509Certificate issuer) throws RevocationDataException {
        Snapshot held = snapshot;
        if (held != null && !held.isFor(issuer)) {
            return Optional.empty();
        }
        if (held != null && held.isFresh(clock.instant()) && held.verifiedBy(issuer)) {
            return Optional.of(held.crl());
        }
        return reload(issuer);
    }

    private synchronized Optional<CertificateRevocationList> reload(X509Certificate issuer)
            throws RevocationDataException {
        Instant now = clock.instant();
        Snapshot held = snapshot;
        if (held != null && held.isFresh(now) && held.verifiedBy(issuer)) {
            return Optional.of(held.crl());
        }

        Failure failed = lastFailure;
        if (failed != null && now.isBefore(failed.at().plus(RETRY_AFTER_FAILURE))) {
            return fallBack(held, now, failed.reason());
        }

        try {
            Snapshot loaded = load(issuer, now);
            snapshot = loaded;
            lastFailure = null;
            return Optional.ofNullable(loaded.crl());
        } catch (RevocationDataException e) {
            lastFailure = new Failure(now, e.getMessage());
            return fallBack(held, now, e.getMessage());
        }
    }

    /** A CRL due for refresh by age alone is still valid; past its nextUpdate it is not (RFC 5280 section 5.1.2.5). */
    private Optional<CertificateRevocationList> fallBack(Snapshot held, Instant now, String reason)
            throws RevocationDataException {
        if (held != null && held.crl() != null && !held.isExpired(now, skew)) {
            LOG.warnf("CRL from %s could not be refreshed (%s); the copy loaded at %s stays in use until its "
                    + "nextUpdate %s", location, reason, held.loadedAt(), held.crl().nextUpdate().orElse(null));
            return Optional.of(held.crl());
        }
        throw new RevocationDataException("no current CRL from " + location + ": " + reason);
    }

    private Snapshot load(X509Certificate issuer, Instant now) throws RevocationDataException {
        byte[] der = location.read(transport);
        try {
            X500Principal named = CrlReader.issuerOf(der);
            if (!named.equals(issuer.getSubjectX500Principal())) {
                return new Snapshot(named, null, now, maxAge);
            }

            CertificateRevocationList crl = CrlReader.read(der, issuer);
            if (crl.thisUpdate().isAfter(now.plus(skew))) {
                throw new RevocationDataException("the CRL from " + location + " has thisUpdate " + crl.thisUpdate()
                        + ", in the future of server time " + now);
            }
            Snapshot loaded = new Snapshot(named, crl, now, maxAge);
            if (loaded.isExpired(now, skew)) {
                throw new RevocationDataException("the CRL from " + location + " expired at its nextUpdate "
                        + crl.nextUpdate().orElseThrow() + " (server time " + now + "); its issuer has not "
                        + "published a newer one there");
            }
            LOG.debugf("Loaded CRL of '%s' from %s: %d revoked serials, thisUpdate %s, nextUpdate %s",
                    named.getName(), location, crl.size(), crl.thisUpdate(), crl.nextUpdate().orElse(null));
            return loaded;
        } catch (MalformedCrlException e) {
            throw new RevocationDataException("the CRL from " + location + " is refused: " + e.getMessage(), e);
        }
    }

    /** What was last read: the issuer's name, and the CRL itself when it belongs to the CA being checked. */
    private record Snapshot(X500Principal issuer, CertificateRevocationList crl, Instant loadedAt, Duration maxAge) {

        boolean isFor(X509Certificate ca) {
            return issuer.equals(ca.getSubjectX500Principal());
        }

        boolean verifiedBy(X509Certificate ca) {
            return crl != null && crl.issuerKeyFingerprint().equals(SpkiFingerprint.sha256Hex(ca));
        }

        boolean isFresh(Instant now) {
            boolean young = now.isBefore(loadedAt.plus(maxAge));
            boolean current = crl == null || crl.nextUpdate().map(now::isBefore).orElse(true);
            return young && current;
        }

        boolean isExpired(Instant now, Duration skew) {
            return crl.nextUpdate().map(next -> now.isAfter(next.plus(skew))).orElse(false);
        }
    }

    private record Failure(Instant at, String reason) {
    }
}
