package org.staffcard.authenticator.revocation;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The CRL addresses a certificate names in its CRL distribution points extension (RFC 5280 section 4.2.1.13),
 * split into the http:// addresses the server reads and those it does not (ldap, https, anything else).
 *
 * @param http    addresses to read, in the certificate's order
 * @param refused addresses in other schemes, or text that is no address, for the admin log
 */
record CrlDistributionPoints(List<URI> http, List<String> refused) {

    /** More addresses than any CA writes; the rest are ignored so a certificate cannot make a sign-in fetch dozens. */
    static final int MAX_ADDRESSES = 4;

    static CrlDistributionPoints of(X509Certificate certificate) throws RevocationDataException {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> http = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (extension == null) {
            return new CrlDistributionPoints(http, refused);
        }

        DistributionPoint[] points;
        try {
            points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getDistributionPoints();
        } catch (RuntimeException e) {
            throw new RevocationDataException("the certificate's CRL distribution points extension cannot be read", e);
        }

        for (DistributionPoint point : points) {
            // A point with a cRLIssuer names an indirect CRL, and one with reasons a partial CRL; neither is read.
            if (point.getCRLIssuer() != null || point.getReasons() != null) {
                continue;
            }
            DistributionPointName name = point.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    sort(((ASN1String) general.getName()).getString(), http, refused);
                }
            }
        }
        return new CrlDistributionPoints(List.copyOf(http.subList(0, Math.min(http.size(), MAX_ADDRESSES))),
                List.copyOf(refused));
    }

    private static void sort(String text, List<URI> http, List<String> refused) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("http") && uri.getHost() != null) {
                http.add(uri);
            } else {
                refused.add(text);
            }
        } catch (URISyntaxException e) {
            refused.add(text);
        }
    }
}
