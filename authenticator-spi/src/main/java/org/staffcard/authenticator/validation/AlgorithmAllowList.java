package org.staffcard.authenticator.validation;

import java.util.EnumSet;
import java.util.Set;

import org.staffcard.protocol.SignatureAlgorithm;

/** Step 1: the declared algorithm must be one the server's configuration allows. */
final class AlgorithmAllowList {

    private final Set<SignatureAlgorithm> allowed;

    AlgorithmAllowList(Set<SignatureAlgorithm> allowed) {
        this.allowed = EnumSet.copyOf(allowed);
    }

    void check(SignatureAlgorithm declared) throws AlgorithmNotAllowedException {
        if (declared == null || !allowed.contains(declared)) {
            throw new AlgorithmNotAllowedException("the assertion declares signature algorithm " + declared
                    + ", which is not on this server's allow-list " + allowed);
        }
    }
}
