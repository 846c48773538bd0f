package org.staffcard.authenticator;

import java.util.Map;

/** The login page's message key for each event error, as listed in docs/protocol.md. */
final class CardLoginMessages {

    static final String MALFORMED = "cardAssertionMalformed";
    static final String CHALLENGE_EXPIRED = "cardChallengeExpired";
    static final String UNKNOWN = "cardUnknown";
    static final String NOT_ENROLLED = "cardNotEnrolled";
    static final String INVALID_CARD_OR_PASSWORD = "invalidCardOrPassword";
    static final String UNAVAILABLE = "cardLoginUnavailable";
    static final String OTHER_ACCOUNT = "cardOfOtherAccount";
    static final String BINDING_REVOKED = "cardBindingRevoked";

    private static final Map<String, String> BY_EVENT_ERROR = Map.of(
            "card_issuer_not_accepted", "cardIssuerNotAccepted",
            "invalid_card_assertion", MALFORMED,
            "card_algorithm_not_allowed", "cardAlgorithmNotAllowed",
            "card_certificate_wrong_purpose", "cardCertificateWrongPurpose",
            "card_certificate_expired", "cardCertificateExpired",
            "card_certificate_untrusted", "cardCertificateUntrusted",
            "card_signature_invalid", "cardSignatureInvalid",
            "card_certificate_revoked", "cardCertificateRevoked",
            "card_revocation_unavailable", "cardRevocationUnavailable");

    private CardLoginMessages() {
    }

    static String forEventError(String eventError) {
        return BY_EVENT_ERROR.getOrDefault(eventError, MALFORMED);
    }
}
