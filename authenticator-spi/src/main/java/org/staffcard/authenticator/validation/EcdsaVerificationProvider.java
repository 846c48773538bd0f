package org.staffcard.authenticator.validation;

import java.security.Provider;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider that verifies card ECDSA signatures: BouncyCastle's, because it verifies a P-256 signature in
 * about a fifth of the JDK's SunEC time (docs/performance.md), and SunEC's alone would keep an ES256 sign-in above
 * half a millisecond. Keycloak's default crypto provider registers BouncyCastle under the name "BC" at start; that
 * instance is used, and a private one is made only where none is registered (unit tests, a bare JVM). RSA stays
 * with the JDK, which is as fast there.
 */
final class EcdsaVerificationProvider {

    private static final String BOUNCY_CASTLE_NAME = "BC";

    private EcdsaVerificationProvider() {
    }

    /**
     * The provider, or null for the JDK's default order, which happens only where BouncyCastle's provider classes
     * cannot be loaded; SunEC then verifies, correctly but about five times slower. Keycloak in FIPS mode, which
     * registers BouncyCastle FIPS instead, was not tried: there this class builds a private non-FIPS provider if the
     * classes are present.
     */
    static Provider get() {
        return Holder.PROVIDER;
    }

    /** Resolved once, at the first ECDSA sign-in, so a server that only sees RSA cards never builds a provider. */
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
