package org.staffcard.authenticator.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

/**
 * A CRL whose signature has been verified with its issuer's key, reduced to what a lookup needs: the issuer, the
 * dates, and the revoked serial numbers. Immutable; shared by every sign-in until it is replaced.
 */
record CertificateRevocationList(X500Principal issuer, String issuerKeyFingerprint, Instant thisUpdate,
                                 Optional<Instant> nextUpdate, RevokedSerials revoked) {

    boolean isRevoked(BigInteger serial) {
        return revoked.contains(serial);
    }

    int size() {
        return revoked.size();
    }
}
