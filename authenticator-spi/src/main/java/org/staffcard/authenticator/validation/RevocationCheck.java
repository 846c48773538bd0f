package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;

/**
 * The last step: asks whether the card's certificate has been revoked. It runs only once the path is sound and the
 * signature verified, so an outsider replaying someone else's certificate cannot make the server call out.
 */
@FunctionalInterface
public interface RevocationCheck {

    /** Revocation is not checked; the outcome says so, and the component that chose this has warned the admin. */
    RevocationCheck NONE = (leaf, issuer, leafIdentity) -> RevocationOutcome.notChecked();

    /**
     * @param leaf         the card's certificate
     * @param issuer       the CA certificate that signed it, from the validated path
     * @param leafIdentity how the leaf is named in refusals
     * @return how the status was established
     * @throws CertificateRevokedException     the certificate is revoked, or its status is unknown to the source
     * @throws RevocationUnavailableException  no trustworthy, fresh answer could be had, and the policy fails closed
     */
    RevocationOutcome check(X509Certificate leaf, X509Certificate issuer, CertificateIdentity leafIdentity)
            throws CertificateRevokedException, RevocationUnavailableException;
}
