package org.staffcard.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Details;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.staffcard.protocol.Challenge;

import java.util.Optional;

/**
 * Card sign-in for devices without a browser, in Keycloak's direct grant ({@code grant_type=password}) at the token
 * endpoint. The device first fetches a challenge from {@link DeviceChallengeResource}, has the card sign it for this
 * server's origin, and posts {@code card_challenge}, {@code card_assertion} and, when the client's level is card and
 * password, {@code password}. The challenge is redeemed once, whatever the outcome; then the checks every card flow
 * shares run, and the password. Nothing here reads {@code username}: a client bound to this flow can never sign in
 * with a user name and password alone.
 */
final class CardDirectGrantAuthenticator implements CardStep {

    static final String CHALLENGE_PARAMETER = "card_challenge";
    static final String ASSERTION_PARAMETER = "card_assertion";
    static final String PASSWORD_PARAMETER = "password";
    static final String AUTH_METHOD = "staff_card_device";

    private static final Logger LOG = Logger.getLogger(CardDirectGrantAuthenticator.class);

    private final CardSignIn signIn;

    CardDirectGrantAuthenticator(CardValidators validators) {
        this.signIn = new CardSignIn(validators);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        DeviceSignInLevel level = DeviceSignInLevel.of(context.getAuthenticationSession().getClient());
        context.getEvent().detail(Details.AUTH_METHOD, AUTH_METHOD);

        Optional<Challenge> challenge = DeviceChallenges.redeem(context.getSession(), context.getRealm(),
                context.getAuthenticationSession().getClient(), input.getFirst(CHALLENGE_PARAMETER));
        if (challenge.isEmpty()) {
            context.getEvent().error(CardLoginEvents.CHALLENGE_EXPIRED);
            refuse(context, new CardSignIn.Refusal(CardLoginMessages.CHALLENGE_EXPIRED, null));
            return;
        }

        CardSignIn.Outcome outcome = signIn.check(context, config, input.getFirst(ASSERTION_PARAMETER),
                challenge.get(), ServerOrigin.of(context.getUriInfo().getBaseUri()), null);
        if (outcome instanceof CardSignIn.Refusal refusal) {
            refuse(context, refusal);
            return;
        }
        CardSignIn.Verified verified = (CardSignIn.Verified) outcome;
        UserModel user = verified.user();

        if (level.needsPassword()) {
            Optional<CardSignIn.Refusal> wrongPassword = CardSignIn.checkPassword(context, user,
                    input.getFirst(PASSWORD_PARAMETER));
            if (wrongPassword.isPresent()) {
                refuse(context, wrongPassword.get());
                return;
            }
        }

        new AcrStore(context.getSession(), context.getAuthenticationSession()).setLevelAuthenticated(level.loa());
        if (level.needsPassword()) {
            // Recorded as a password sign-in so that Keycloak's brute-force protector clears the failure count. A
            // card-only sign-in never clears it: a stolen card and its PIN must not reset the count between guesses
            // of the password at a card + password client.
            AuthenticatorUtil.addAuthCredential(context.getAuthenticationSession(), PasswordCredentialModel.TYPE);
        }
        LOG.debugf("Device card sign-in of '%s' with card '%s' (certificate serial %s) for client '%s' at level "
                        + "'%s' in realm '%s'", user.getUsername(), verified.card().cardUserId(),
                verified.card().serialHex(), context.getAuthenticationSession().getClient().getClientId(),
                level.acr(), context.getRealm().getName());
        CardSignIn.signedIn(context, verified);
        context.setUser(user);
        context.success();
    }

    /**
     * A refusal on a known account (a wrong password, a bad signature, a foreign certificate) is a failure that
     * Keycloak counts towards the lockout; the others are answered without counting, as on the browser page.
     */
    private static void refuse(AuthenticationFlowContext context, CardSignIn.Refusal refusal) {
        if (refusal.flowError() != null) {
            context.failure(refusal.flowError(), DeviceGrantAnswers.forMessage(refusal.message()));
        } else {
            context.forceChallenge(DeviceGrantAnswers.forMessage(refusal.message()));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // The token endpoint makes a single request: there is never a second step to act on.
    }
}
