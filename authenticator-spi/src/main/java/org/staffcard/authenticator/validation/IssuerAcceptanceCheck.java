package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;

/**
 * Optional step after the path check: when the admin lists accepted card issuers, the leaf must have been issued by
 * one of them. It runs once the path is validated, so the issuer name it compares is one a trusted CA vouched for.
 */
final class IssuerAcceptanceCheck {

    private final AcceptedIssuers accepted;

    IssuerAcceptanceCheck(AcceptedIssuers accepted) {
        this.accepted = accepted;
    }

    void check(X509Certificate leaf, CertificateIdentity leafIdentity) throws CardIssuerNotAcceptedException {
        if (accepted.isAny() || accepted.accepts(leaf.getIssuerX500Principal())) {
            return;
        }
        throw new CardIssuerNotAcceptedException(leafIdentity, "leaf certificate " + leafIdentity.describe()
                + " was issued by a CA that is not among the accepted card issuers " + accepted.describe());
    }
}
