package org.staffcard.authenticator.validation;

import java.util.Objects;

/**
 * How the revocation step let a certificate through: a good answer from a named source, no check at all by
 * configuration, or no answer while the admin chose to fail open.
 *
 * @param kind   which of the three
 * @param detail the source ("OCSP http://...", "CRL /etc/...") or, after a fail-open, why no answer was had
 */
public record RevocationOutcome(Kind kind, String detail) {

    public enum Kind {
        GOOD, NOT_CHECKED, FAILED_OPEN
    }

    public RevocationOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public static RevocationOutcome good(String source) {
        return new RevocationOutcome(Kind.GOOD, source);
    }

    public static RevocationOutcome notChecked() {
        return new RevocationOutcome(Kind.NOT_CHECKED, "revocation checking is off");
    }

    public static RevocationOutcome failedOpen(String reason) {
        return new RevocationOutcome(Kind.FAILED_OPEN, reason);
    }
}
