package org.staffcard.authenticator.revocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which source tells whether a card's certificate is revoked, as the admin chooses it per authenticator config. */
public enum RevocationPolicy {

    /** Not checked; the server warns at start of use, since a lost or withdrawn card keeps working. */
    NONE("none"),
    /** Ask the OCSP responder named in the certificate or in the configuration. */
    OCSP("ocsp"),
    /** Look the serial up in the configured CRL. */
    CRL("crl"),
    /** Ask OCSP; only when no usable OCSP answer comes, look in the CRL. A "revoked" from OCSP is final. */
    OCSP_THEN_CRL("ocsp-then-crl");

    private final String setting;

    RevocationPolicy(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    boolean usesOcsp() {
        return this == OCSP || this == OCSP_THEN_CRL;
    }

    boolean usesCrl() {
        return this == CRL || this == OCSP_THEN_CRL;
    }

    /** @throws IllegalArgumentException for any other text, so a typo never turns checking off */
    public static RevocationPolicy fromSetting(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(policy -> policy.setting.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("revocation policy '" + text + "' is not one of "
                        + Arrays.stream(values()).map(RevocationPolicy::setting).collect(Collectors.joining(", "))));
    }
}
