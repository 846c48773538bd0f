package org.staffcard.authenticator;

import org.keycloak.events.EventBuilder;
import org.staffcard.authenticator.validation.RevocationOutcome;

/** Names of the details our events carry, so an admin can search events by card. */
final class CardLoginEvents {

    static final String CARD_USER_ID = "card_user_id";
    static final String CERTIFICATE_ISSUER = "card_certificate_issuer";
    static final String CERTIFICATE_SERIAL = "card_certificate_serial";
    static final String AUTH_METHOD = "staff_card_password";
    static final String AUTH_METHOD_CARD_ONLY = "staff_card";
    /** good, not_checked or failed_open: every sign-in let through without a revocation answer is on record. */
    static final String REVOCATION = "card_revocation";
    static final String REVOCATION_DETAIL = "card_revocation_detail";

    static final String CHALLENGE_EXPIRED = "card_challenge_expired";
    static final String CARD_UNKNOWN = "card_unknown";
    static final String CARD_AMBIGUOUS = "card_ambiguous";
    static final String CARD_NOT_ENROLLED = "card_not_enrolled";
    static final String NOT_CONFIGURED = "card_login_not_configured";
    static final String CARD_OF_OTHER_ACCOUNT = "card_of_other_account";
    /** The card was revoked by an admin (lost, stolen, replaced); its certificate may still be valid at its CA. */
    static final String CARD_BINDING_REVOKED = "card_binding_revoked";
    static final String BINDING_REVOCATION_REASON = "card_binding_revocation_reason";

    private CardLoginEvents() {
    }

    static void describeCard(EventBuilder event, String cardUserId, String issuer, String serialHex) {
        event.detail(CARD_USER_ID, cardUserId);
        if (issuer != null) {
            event.detail(CERTIFICATE_ISSUER, issuer);
        }
        if (serialHex != null) {
            event.detail(CERTIFICATE_SERIAL, serialHex);
        }
    }

    /** Text from a request is cut to this length in events and logs, so a hostile post cannot flood them. */
    static final int MAX_DETAIL_CHARS = 200;

    static String bounded(String text) {
        if (text == null || text.length() <= MAX_DETAIL_CHARS) {
            return text;
        }
        return text.substring(0, MAX_DETAIL_CHARS) + "...";
    }

    static void describeRevocation(EventBuilder event, RevocationOutcome outcome) {
        event.detail(REVOCATION, outcome.kind().name().toLowerCase(java.util.Locale.ROOT));
        event.detail(REVOCATION_DETAIL, outcome.detail());
    }
}
