package org.staffcard.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Details;
import org.staffcard.protocol.Challenge;

import java.util.Optional;

/**
 * The card-only level: the card's signature over this server's challenge, with the PIN the card itself checked, and
 * no password. Meant for attendance and door-side terminals, where typing a password is not wanted.
 *
 * <p>Only a request that asks for this level gets it: an app that names no level, or one the realm does not know,
 * is signed in at the highest level of the flow, the card + password.
 *
 * <p>It never clears the brute-force failure count: a card alone must not wipe out wrong passwords typed at the card
 * + password level, or a stolen card with its PIN would allow endless password guesses in rounds of a few.
 */
final class CardOnlyAuthenticator implements CardStep {

    /** The level recorded when this step sits outside a "Condition - Level of Authentication" sub-flow. */
    static final int DEFAULT_LEVEL = 1;

    private static final Logger LOG = Logger.getLogger(CardOnlyAuthenticator.class);

    private final CardSignIn signIn;

    CardOnlyAuthenticator(CardValidators validators) {
        this.signIn = new CardSignIn(validators);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        int ownLevel = FlowLevels.levelOfThisStep(context).orElse(DEFAULT_LEVEL);
        int requested = FlowLevels.requestedLevelOrHighest(context, ownLevel);
        if (FlowLevels.higherStepFollows(ownLevel, requested, FlowLevels.levelsInFlow(context))) {
            // The app asked for a higher level, whose card step follows in this flow and proves the card as well:
            // asking for the card here first would only make the staff member enter the PIN twice.
            LOG.debugf("Card-only step in realm '%s' leaves the sign-in to the level %d step that follows",
                    context.getRealm().getName(), requested);
            context.success();
            return;
        }
        context.challenge(CardLoginForm.render(context, false, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        CardAuthenticatorConfig config = CardAuthenticatorConfig.of(context.getAuthenticatorConfig());
        context.getEvent().detail(Details.AUTH_METHOD, CardLoginEvents.AUTH_METHOD_CARD_ONLY);

        Optional<Challenge> challenge = LoginChallenges.redeem(context.getAuthenticationSession());
        if (challenge.isEmpty()) {
            context.getEvent().error(CardLoginEvents.CHALLENGE_EXPIRED);
            context.forceChallenge(CardLoginForm.render(context, false, CardLoginMessages.CHALLENGE_EXPIRED));
            return;
        }

        CardSignIn.Outcome outcome = signIn.check(context, config,
                input.getFirst(CardPasswordAuthenticator.ASSERTION_FIELD), challenge.get(),
                ServerOrigin.of(context.getUriInfo().getBaseUri()), context.getUser());
        if (outcome instanceof CardSignIn.Refusal refusal) {
            CardLoginForm.refuse(context, false, refusal);
            return;
        }
        CardSignIn.Verified verified = (CardSignIn.Verified) outcome;

        new AcrStore(context.getSession(), context.getAuthenticationSession())
                .setLevelAuthenticated(FlowLevels.levelOfThisStep(context).orElse(DEFAULT_LEVEL));
        LOG.debugf("Card-only sign-in of '%s' with card '%s' (certificate serial %s) in realm '%s'",
                verified.user().getUsername(), verified.card().cardUserId(), verified.card().serialHex(),
                context.getRealm().getName());
        CardSignIn.signedIn(context, verified);
        context.setUser(verified.user());
        context.success();
    }
}
