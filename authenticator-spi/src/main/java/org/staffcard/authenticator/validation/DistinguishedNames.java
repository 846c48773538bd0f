package org.staffcard.authenticator.validation;

import java.util.Map;

import javax.security.auth.x500.X500Principal;

/**
 * Names in RFC 2253 form as an admin reads them. The JDK prints attributes it has no keyword for as an OID and a
 * hex dump; the serial-number attribute is how card certificates without a personal name (the JPKI profile) are
 * told apart, so it is named.
 */
public final class DistinguishedNames {

    private static final Map<String, String> KEYWORDS = Map.of(
            "2.5.4.5", "SERIALNUMBER",
            "2.5.4.4", "SURNAME",
            "2.5.4.42", "GIVENNAME",
            "2.5.4.97", "ORGANIZATIONIDENTIFIER");

    private DistinguishedNames() {
    }

    public static String readable(X500Principal name) {
        return name.getName(X500Principal.RFC2253, KEYWORDS);
    }
}
