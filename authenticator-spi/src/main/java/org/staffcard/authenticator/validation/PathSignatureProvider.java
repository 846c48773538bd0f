package org.staffcard.authenticator.validation;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which provider verifies the CA signatures of a card's path. ECDSA goes to the registered BouncyCastle, which
 * verifies P-256 about five times faster than SunEC; RSA stays with the JDK, which is faster at it than
 * BouncyCastle. PKIX parameters take one provider, by name only, for the whole path, so a path with any EC CA key is
 * verified by BouncyCastle throughout. Path building uses the same choice, so that the JDK's memory of a
 * certificate's last verification (per key and provider name) saves PKIX from verifying the same signature again.
 */
final class PathSignatureProvider {

    private PathSignatureProvider() {
    }

    /** For one signature made with {@code issuerKey}. */
    static Optional<String> forKey(PublicKey issuerKey) {
        return isEc(issuerKey) ? BouncyCastleInstance.registeredName() : Optional.empty();
    }

    /** For every signature of the path: each certificate's issuer key, the anchor's included. */
    static Optional<String> forPath(CardCertificatePath path) {
        List<X509Certificate> issuers = new ArrayList<>(path.chain().subList(1, path.chain().size()));
        path.anchor().ifPresent(issuers::add);
        boolean anyEc = issuers.stream().anyMatch(issuer -> isEc(issuer.getPublicKey()));
        return anyEc ? BouncyCastleInstance.registeredName() : Optional.empty();
    }

    private static boolean isEc(PublicKey key) {
        return "EC".equals(key.getAlgorithm());
    }
}
