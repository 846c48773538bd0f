package org.staffcard.agent;

import java.util.Map;

/** Turns the token endpoint's refusal into an exit code and a next step, by the server's {@code card_error}. */
final class TokenRefusal {

    private record Meaning(LoginExit exit, String nextStep) {
    }

    private static final Meaning CARD = new Meaning(LoginExit.CARD_REFUSED, "an admin checks the card's binding "
            + "to your account; the server's event log names the card");

    private static final Map<String, Meaning> BY_CARD_ERROR = Map.ofEntries(
            Map.entry("card_challenge_expired", new Meaning(LoginExit.CARD_REFUSED,
                    "run login again; the challenge lives three minutes and is used once")),
            Map.entry("card_unknown", new Meaning(LoginExit.CARD_REFUSED,
                    "an admin binds this card to your account")),
            Map.entry("card_not_enrolled", new Meaning(LoginExit.CARD_REFUSED,
                    "an admin enrols this card (its key) for your account")),
            Map.entry("card_certificate_revoked", new Meaning(LoginExit.CARD_REFUSED,
                    "this card is revoked; ask the card issuer for a new one")),
            Map.entry("card_certificate_expired", new Meaning(LoginExit.CARD_REFUSED,
                    "the card's certificate has expired or is not yet valid; check this PC's clock, then ask the "
                            + "issuer for a new card")),
            Map.entry("card_certificate_untrusted", new Meaning(LoginExit.CARD_REFUSED,
                    "an admin adds the card's issuing CA to the trust anchors of 'staff card device'")),
            Map.entry("card_signature_invalid", CARD),
            Map.entry("card_algorithm_not_allowed", CARD),
            Map.entry("card_certificate_wrong_purpose", CARD),
            Map.entry("invalid_card_assertion", CARD),
            Map.entry("invalid_user_credentials", new Meaning(LoginExit.PASSWORD,
                    "run login again with the password of your staff account; failures count towards a lockout")),
            Map.entry("user_temporarily_disabled", new Meaning(LoginExit.ACCOUNT_LOCKED,
                    "wait a while and try again, or ask an admin to unlock the account")),
            Map.entry("user_disabled", new Meaning(LoginExit.ACCOUNT_LOCKED, "ask an admin to enable the account")),
            Map.entry("card_revocation_unavailable", new Meaning(LoginExit.SERVER,
                    "try again in a few minutes; the server cannot check revocation now")),
            Map.entry("card_login_not_configured", new Meaning(LoginExit.SERVER,
                    "an admin sets the trust anchors of 'staff card device'")));

    /** Keycloak's {@code error_description} when the account has a required action pending. */
    private static final String ACTION_PENDING = "Account is not fully set up";

    private TokenRefusal() {
    }

    static LoginFailedException of(SignInServer.Answer answer) {
        String error = answer.field("error");
        String description = answer.field("error_description");
        String message = "the server refused the sign-in (HTTP " + answer.status() + ", " + error
                + (description.isEmpty() ? "" : ": " + description) + ")";
        if (error.equals("invalid_client") || error.equals("unauthorized_client")) {
            return new LoginFailedException(LoginExit.CLIENT_REFUSED, message, "an admin checks the client id and "
                    + "the secret in --client-secret-file");
        }
        // Keycloak's own refusal while the account has a required action pending, such as an admin's "Enrol a
        // staff card": it carries no card error, and only a browser sign-in can finish the action.
        if (error.equals("invalid_grant") && description.equals(ACTION_PENDING)) {
            return new LoginFailedException(LoginExit.ACCOUNT_ACTION_PENDING, message, "sign in once to any staff web "
                    + "app in a browser and finish the step it asks for (such as registering a new card)");
        }
        Meaning meaning = BY_CARD_ERROR.get(answer.field("card_error"));
        if (meaning == null) {
            return new LoginFailedException(LoginExit.SERVER, message, "an admin reads the server log");
        }
        return new LoginFailedException(meaning.exit(), message, meaning.nextStep());
    }
}
