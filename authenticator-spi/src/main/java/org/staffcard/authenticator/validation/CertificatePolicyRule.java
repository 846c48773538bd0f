package org.staffcard.authenticator.validation;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which certificate policies (RFC 5280 section 4.2.1.4) a card's leaf certificate may carry. An issuer often signs
 * several kinds of certificate with one CA and tells them apart only by policy, so a deployment can admit the staff
 * card kind and keep out, say, a test or device kind.
 *
 * @param allowed when not empty, the leaf must carry at least one of these OIDs
 * @param denied  the leaf must carry none of these OIDs
 */
public record CertificatePolicyRule(Set<String> allowed, Set<String> denied) {

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    public static final CertificatePolicyRule ANY = new CertificatePolicyRule(Set.of(), Set.of());

    /** @throws IllegalArgumentException when a value is not a dotted OID, or an OID is on both lists */
    public CertificatePolicyRule {
        allowed = Set.copyOf(allowed);
        denied = Set.copyOf(denied);
        for (String oid : allowed) {
            requireOid(oid);
        }
        for (String oid : denied) {
            requireOid(oid);
            if (allowed.contains(oid)) {
                throw new IllegalArgumentException("certificate policy " + oid + " is both allowed and denied");
            }
        }
    }

    /** True when a valid dotted OID; the same syntax is asked of a required extended key usage. */
    public static boolean isOid(String text) {
        return text != null && OID.matcher(text).matches();
    }

    static void requireOid(String oid) {
        if (!isOid(oid)) {
            throw new IllegalArgumentException("'" + oid + "' is not an object identifier in dotted form, such as "
                    + "2.5.29.32.0");
        }
    }

    boolean isAny() {
        return allowed.isEmpty() && denied.isEmpty();
    }
}
