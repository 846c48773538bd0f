package org.staffcard.authenticator.revocation;

import java.util.Locale;

/**
 * What to do when an OCSP answer does not echo the request's nonce (RFC 6960 section 4.4.1). Many large responders
 * serve pre-signed answers and never echo it; for them the answer's own dates are what keeps a replayed old "good"
 * out, and those are always checked. A nonce that is present but differs is refused under both policies.
 */
public enum NoncePolicy {

    /** An answer without our nonce is not used. */
    REQUIRED,
    /** An answer without a nonce is used if it is fresh by its thisUpdate and nextUpdate. */
    OPTIONAL;

    /** @throws IllegalArgumentException for anything but "required" or "optional" */
    public static NoncePolicy fromSetting(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "required" -> REQUIRED;
            case "optional" -> OPTIONAL;
            default -> throw new IllegalArgumentException("OCSP nonce setting '" + text
                    + "' is neither 'required' nor 'optional'");
        };
    }
}
