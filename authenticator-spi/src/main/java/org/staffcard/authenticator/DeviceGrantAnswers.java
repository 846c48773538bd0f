package org.staffcard.authenticator;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.messages.Messages;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token endpoint's answer to a refused device sign-in: an OAuth error (RFC 6749 §5.2), an English
 * {@code error_description} a device can show or log, and {@code card_error}, the same code the realm's event
 * records, so a device program can tell the cases apart without reading prose.
 */
final class DeviceGrantAnswers {

    private record Answer(Response.Status status, String error, String cardError, String description) {
    }

    private static final Answer INVALID_GRANT_FALLBACK = new Answer(Response.Status.BAD_REQUEST, "invalid_grant",
            "card_refused", "The card sign-in was refused.");

    private static final Map<String, Answer> BY_MESSAGE = Map.ofEntries(
            entry(CardLoginMessages.MALFORMED, Response.Status.BAD_REQUEST, "invalid_request",
                    "invalid_card_assertion", "The card assertion is missing, too large or malformed."),
            entry(CardLoginMessages.CHALLENGE_EXPIRED, Response.Status.BAD_REQUEST, "invalid_grant",
                    CardLoginEvents.CHALLENGE_EXPIRED, "The challenge is unknown, expired or already used; ask "
                            + "for a new one."),
            entry("cardAlgorithmNotAllowed", Response.Status.BAD_REQUEST, "invalid_grant",
                    "card_algorithm_not_allowed", "The card's signature algorithm is not allowed here."),
            entry("cardCertificateWrongPurpose", Response.Status.BAD_REQUEST, "invalid_grant",
                    "card_certificate_wrong_purpose", "The card's certificate is not for signing in."),
            entry("cardCertificateExpired", Response.Status.BAD_REQUEST, "invalid_grant",
                    "card_certificate_expired", "The card's certificate has expired or is not yet valid."),
            entry("cardCertificateUntrusted", Response.Status.BAD_REQUEST, "invalid_grant",
                    "card_certificate_untrusted", "The card was not issued by a trusted staff card authority."),
            entry("cardSignatureInvalid", Response.Status.BAD_REQUEST, "invalid_grant", "card_signature_invalid",
                    "The card's signature does not match this server and challenge."),
            entry("cardCertificateRevoked", Response.Status.BAD_REQUEST, "invalid_grant",
                    "card_certificate_revoked", "The card has been revoked."),
            entry("cardRevocationUnavailable", Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "card_revocation_unavailable", "The card's revocation status cannot be checked now; try again "
                            + "later."),
            entry(CardLoginMessages.UNKNOWN, Response.Status.BAD_REQUEST, "invalid_grant",
                    CardLoginEvents.CARD_UNKNOWN, "No staff account holds this card."),
            entry(CardLoginMessages.NOT_ENROLLED, Response.Status.BAD_REQUEST, "invalid_grant",
                    CardLoginEvents.CARD_NOT_ENROLLED, "This card is not the one enrolled for the account."),
            entry(CardLoginMessages.OTHER_ACCOUNT, Response.Status.BAD_REQUEST, "invalid_grant",
                    CardLoginEvents.CARD_OF_OTHER_ACCOUNT, "This card belongs to another account."),
            entry(CardLoginMessages.INVALID_CARD_OR_PASSWORD, Response.Status.UNAUTHORIZED, "invalid_grant",
                    "invalid_user_credentials", "Invalid card or password."),
            entry(CardLoginMessages.UNAVAILABLE, Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    CardLoginEvents.NOT_CONFIGURED, "Card sign-in is not configured on the server."),
            entry(Messages.ACCOUNT_TEMPORARILY_DISABLED, Response.Status.BAD_REQUEST, "invalid_grant",
                    "user_temporarily_disabled", "The account is locked for a while after too many failed "
                            + "sign-ins."),
            entry(Messages.ACCOUNT_PERMANENTLY_DISABLED, Response.Status.BAD_REQUEST, "invalid_grant",
                    "user_disabled", "The account is locked after too many failed sign-ins; an admin unlocks it."),
            entry(Messages.ACCOUNT_DISABLED, Response.Status.BAD_REQUEST, "invalid_grant", "user_disabled",
                    "The account is disabled."));

    private DeviceGrantAnswers() {
    }

    static Response forMessage(String messageKey) {
        Answer answer = BY_MESSAGE.getOrDefault(messageKey, INVALID_GRANT_FALLBACK);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", answer.error());
        body.put("error_description", answer.description());
        body.put("card_error", answer.cardError());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore)
                .entity(body).build();
    }

    private static Map.Entry<String, Answer> entry(String message, Response.Status status, String error,
                                                   String cardError, String description) {
        return Map.entry(message, new Answer(status, error, cardError, description));
    }
}
