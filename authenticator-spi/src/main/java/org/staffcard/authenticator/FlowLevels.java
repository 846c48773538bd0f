package org.staffcard.authenticator;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * What the browser flow's "Condition - Level of Authentication" sub-flows say about a card step: the level of the
 * sub-flow it sits in, and whether a later sub-flow of a higher level will run for this request.
 */
final class FlowLevels {

    private static final String LOA_CONDITION = ConditionalLoaAuthenticatorFactory.PROVIDER_ID;

    private FlowLevels() {
    }

    /** The level of the condition beside this execution in its sub-flow, if it sits in a level sub-flow. */
    static Optional<Integer> levelOfThisStep(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        return realm.getAuthenticationExecutionsStream(context.getExecution().getParentFlow())
                .filter(execution -> LOA_CONDITION.equals(execution.getAuthenticator()))
                .filter(AuthenticationExecutionModel::isEnabled)
                .map(execution -> configOf(realm, execution))
                .filter(Objects::nonNull)
                .map(LoAUtil::getLevelFromLoaConditionConfiguration)
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** The level the relying party asked for (acr_values, the claims parameter or the client's default). */
    static int requestedLevel(AuthenticationFlowContext context) {
        return new AcrStore(context.getSession(), context.getAuthenticationSession())
                .getRequestedLevelOfAuthentication(context.getTopLevelFlow());
    }

    /**
     * Treats a request that names no level, or only one below {@code lowestLevel} (an acr value the realm does not
     * map, which Keycloak reads as level 0), as a request for the highest level of the flow, and answers the level
     * now requested. Keycloak would otherwise sign such a request in at the lowest level: an OpenID Connect app with
     * no acr and no default, and every SAML app, since Keycloak 26.7.3 takes no level from a SAML request. Failing to
     * the card + password level keeps those apps where they were before the card-only level existed.
     */
    static int requestedLevelOrHighest(AuthenticationFlowContext context, int lowestLevel) {
        int requested = requestedLevel(context);
        if (requested >= lowestLevel) {
            return requested;
        }
        Optional<Integer> highest = levelsInFlow(context).stream().max(Integer::compare);
        highest.ifPresent(level -> context.getAuthenticationSession()
                .setClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION, Integer.toString(level)));
        return highest.orElse(requested);
    }

    /** The levels the top-level flow has a condition for. */
    static Collection<Integer> levelsInFlow(AuthenticationFlowContext context) {
        return LoAUtil.getLoaMaxAgesConfiguredInRealmFlow(context.getRealm(), context.getTopLevelFlow().getId())
                .keySet();
    }

    /**
     * Whether this request will also run a step of a level above {@code ownLevel}: the relying party asked for more,
     * and the flow has a level sub-flow between the two, whose condition Keycloak then finds true.
     */
    static boolean higherStepFollows(int ownLevel, int requestedLevel, Collection<Integer> levelsInFlow) {
        return requestedLevel > ownLevel
                && levelsInFlow.stream().anyMatch(level -> level > ownLevel && level <= requestedLevel);
    }

    private static AuthenticatorConfigModel configOf(RealmModel realm, AuthenticationExecutionModel execution) {
        return execution.getAuthenticatorConfig() == null ? null
                : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
    }
}
