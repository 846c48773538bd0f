package org.staffcard.authenticator.validation;

import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

/** Optional step after the key usage: the leaf's certificate policies must satisfy the configured rule. */
final class CertificatePolicyCheck {

    private final CertificatePolicyRule rule;

    CertificatePolicyCheck(CertificatePolicyRule rule) {
        this.rule = rule;
    }

    void check(X509Certificate leaf, CertificateIdentity leafIdentity) throws CardValidationException {
        if (rule.isAny()) {
            return;
        }

        Set<String> carried = policiesOf(leaf, leafIdentity);
        for (String oid : carried) {
            if (rule.denied().contains(oid)) {
                throw new CertificatePolicyRefusedException(leafIdentity, "leaf certificate "
                        + leafIdentity.describe() + " carries certificate policy " + oid + ", which is denied");
            }
        }

        if (!rule.allowed().isEmpty() && carried.stream().noneMatch(rule.allowed()::contains)) {
            throw new CertificatePolicyRefusedException(leafIdentity, "leaf certificate " + leafIdentity.describe()
                    + " carries certificate policies " + carried + ", none of the allowed " + rule.allowed());
        }
    }

    private static Set<String> policiesOf(X509Certificate leaf, CertificateIdentity leafIdentity)
            throws MalformedCertificateException {
        byte[] extension = leaf.getExtensionValue(Extension.certificatePolicies.getId());
        Set<String> carried = new LinkedHashSet<>();
        if (extension == null) {
            return carried;
        }
        try {
            byte[] value = ASN1OctetString.getInstance(extension).getOctets();
            for (PolicyInformation policy : CertificatePolicies.getInstance(value).getPolicyInformation()) {
                carried.add(policy.getPolicyIdentifier().getId());
            }
            return carried;
        } catch (RuntimeException e) {
            throw new MalformedCertificateException("leaf certificate " + leafIdentity.describe()
                    + " has a certificate policies extension that cannot be read", e);
        }
    }
}
