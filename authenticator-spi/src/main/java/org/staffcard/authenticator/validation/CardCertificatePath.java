package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The certificates a card's path is made of: the assertion's chain (leaf first, without any copy of a trust anchor)
 * and, when one of the configured anchors signed the top of that chain, that anchor.
 */
final class CardCertificatePath {

    private final List<X509Certificate> chain;
    private final X509Certificate anchor;

    private CardCertificatePath(List<X509Certificate> chain, X509Certificate anchor) {
        this.chain = List.copyOf(chain);
        this.anchor = anchor;
    }

    static CardCertificatePath of(List<X509Certificate> assertionChain, TrustAnchors trustAnchors) {
        List<X509Certificate> chain = new ArrayList<>(assertionChain);
        X509Certificate top = chain.get(chain.size() - 1);

        // An agent may send the root along; PKIX wants the path without its anchor, and the configured copy counts.
        if (chain.size() > 1 && trustAnchors.contains(top)) {
            chain.remove(chain.size() - 1);
            return new CardCertificatePath(chain, top);
        }
        return new CardCertificatePath(chain, trustAnchors.issuerOf(top).orElse(null));
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** Leaf first, then the intermediates, as PKIX reads them. */
    List<X509Certificate> chain() {
        return chain;
    }

    /** The configured anchor that signed the top of the chain; empty when none did, and PKIX will refuse the path. */
    Optional<X509Certificate> anchor() {
        return Optional.ofNullable(anchor);
    }

    /** What a certificate is to this path, for log lines: "leaf", "intermediate" or "trust anchor". */
    String roleOf(X509Certificate certificate) {
        if (certificate.equals(leaf())) {
            return "leaf";
        }
        return chain.contains(certificate) ? "intermediate" : "trust anchor";
    }
}
