package org.staffcard.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
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
 * The card + password form. The page gets a fresh challenge, the card agent has the card sign it, and the posted
 * assertion and password are checked in a fixed order, each failure ending the attempt: form and size, algorithm,
 * certificate purpose, validity and trust, the signature over bytes rebuilt from this server's origin and challenge,
 * exactly one holder of the card user ID, the certificate bound to that holder, then the password. Bad signatures,
 * foreign certificates and wrong passwords count towards the realm's brute-force lockout like a wrong password does
 * on Keycloak's own form.
 */
final class CardPasswordAuthenticator implements CardStep {

    static final String ASSERTION_FIELD = "cardAssertion";
    static final String PASSWORD_FIELD = "password";

    private static final Logger LOG = Logger.getLogger(CardPasswordAuthenticator.class);

    private final CardSignIn signIn;
    private final CardEnrolment enrolment;

    CardPasswordAuthenticator(CardValidators validators) {
        this.signIn = new CardSignIn(validators);
        this.enrolment = new CardEnrolment();
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(form(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        if (CardEnrolment.requested(input)) {
            enrolment.action(context, input);
            return;
        }
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        context.getEvent().detail(Details.AUTH_METHOD, CardLoginEvents.AUTH_METHOD);

        Optional<Challenge> challenge = LoginChallenges.redeem(context.getAuthenticationSession());
        if (challenge.isEmpty()) {
            context.getEvent().error(CardLoginEvents.CHALLENGE_EXPIRED);
            context.forceChallenge(form(context, CardLoginMessages.CHALLENGE_EXPIRED));
            return;
        }

        CardSignIn.Outcome outcome = signIn.check(context, config, input.getFirst(ASSERTION_FIELD), challenge.get(),
                ServerOrigin.of(context.getUriInfo().getBaseUri()), context.getUser());
        if (outcome instanceof CardSignIn.Refusal refusal) {
            refuse(context, refusal);
            return;
        }
        CardSignIn.Verified verified = (CardSignIn.Verified) outcome;
        UserModel user = verified.user();

        Optional<CardSignIn.Refusal> wrongPassword = CardSignIn.checkPassword(context, user,
                input.getFirst(PASSWORD_FIELD));
        if (wrongPassword.isPresent()) {
            refuse(context, wrongPassword.get());
            return;
        }

        new AcrStore(context.getSession(), context.getAuthenticationSession())
                .setLevelAuthenticated(config.levelOfAuthentication());
        // Recorded as a password sign-in so that Keycloak's brute-force protector clears the failure count.
        AuthenticatorUtil.addAuthCredential(context.getAuthenticationSession(), PasswordCredentialModel.TYPE);
        LOG.debugf("Card sign-in of '%s' with card '%s' (certificate serial %s) in realm '%s'",
                user.getUsername(), verified.card().cardUserId(), verified.card().serialHex(),
                context.getRealm().getName());
        CardSignIn.signedIn(context, verified);
        context.setUser(user);
        context.success();
    }

    private static void refuse(AuthenticationFlowContext context, CardSignIn.Refusal refusal) {
        CardLoginForm.refuse(context, true, refusal);
    }

    private static Response form(AuthenticationFlowContext context, String error) {
        return CardLoginForm.render(context, true, error);
    }
}
