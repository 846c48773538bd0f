package org.staffcard.authenticator.validation;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * BouncyCastle's JCA provider, which verifies card ECDSA signatures and validates certificate paths. For ECDSA
 * because it verifies a P-256 signature in about a fifth of the JDK's SunEC time (docs/performance.md), and SunEC's
 * alone would keep an ES256 sign-in above half a millisecond; for paths because its PKIX validator is the one the
 * product's path rules are tested against. Keycloak's default crypto provider registers BouncyCastle under the name
 * "BC" at start; that instance is used, and a private one is made only where none is registered (unit tests, a bare
 * JVM). RSA signatures stay with the JDK, which is as fast there.
 */
final class BouncyCastleInstance {

    private static final String BOUNCY_CASTLE_NAME = "BC";

    private BouncyCastleInstance() {
    }

    /**
     * The provider, or null for the JDK's default order, which happens only where BouncyCastle's provider classes
     * cannot be loaded; SunEC then verifies, correctly but about five times slower, and the JDK's PKIX validator
     * checks paths. Keycloak in FIPS mode, which registers BouncyCastle FIPS instead, was not tried: there this class
     * builds a private non-FIPS provider if the classes are present.
     */
    static Provider get() {
        return Holder.PROVIDER;
    }

    /**
     * The provider's name when it is the one registered with the JCA, for APIs that take a provider only by name
     * (such as the signature provider of PKIX parameters); empty for a private instance, which no name reaches.
     */
    static Optional<String> registeredName() {
        Provider provider = Holder.PROVIDER;
        if (provider != null && Security.getProvider(provider.getName()) == provider) {
            return Optional.of(provider.getName());
        }
        return Optional.empty();
    }

    /** Resolved once, at the first sign-in, and shared by every validator. */
    private static final class Holder {

        private static final Provider PROVIDER = resolve();

        private static Provider resolve() {
            Provider registered = Security.getProvider(BOUNCY_CASTLE_NAME);
            if (registered != null) {
                return registered;
            }
            try {
                return new BouncyCastleProvider();
            } catch (LinkageError missingClasses) {
                return null;
            }
        }
    }
}
