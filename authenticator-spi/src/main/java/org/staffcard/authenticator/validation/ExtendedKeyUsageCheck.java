package org.staffcard.authenticator.validation;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Optional step after the key usage: when the admin names an extended key usage (for example the smart card logon
 * purpose of a PIV profile), the leaf must state it. Without that setting nothing is required, because the JPKI
 * user-authentication certificate carries no extended key usage at all.
 */
final class ExtendedKeyUsageCheck {

    private final Optional<String> requiredOid;

    ExtendedKeyUsageCheck(Optional<String> requiredOid) {
        this.requiredOid = requiredOid;
    }

    void check(X509Certificate leaf, CertificateIdentity leafIdentity) throws CardValidationException {
        if (requiredOid.isEmpty()) {
            return;
        }

        List<String> stated;
        try {
            stated = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new MalformedCertificateException("leaf certificate " + leafIdentity.describe()
                    + " has an extended key usage extension that cannot be read", e);
        }

        if (stated == null || !stated.contains(requiredOid.get())) {
            throw new ExtendedKeyUsageMissingException(leafIdentity, "leaf certificate " + leafIdentity.describe()
                    + " does not state the required extended key usage " + requiredOid.get() + " (it states "
                    + (stated == null ? "none" : stated) + ")");
        }
    }
}
