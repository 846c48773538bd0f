package org.staffcard.benchmarks;

import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Registers BouncyCastle's provider under "BC" at the end of the JCA list, as Keycloak's default crypto provider does
 * when the server starts, so a benchmark sees the providers a sign-in sees. Call it before the first validation: the
 * validator resolves its provider once.
 */
public final class ServerProviders {

    private ServerProviders() {
    }

    public static void registerBouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
