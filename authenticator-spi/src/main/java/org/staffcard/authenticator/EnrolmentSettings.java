package org.staffcard.authenticator;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which card settings a card enrolment checks the new card against. A required action has no settings of its own,
 * and a second copy of the trust anchors would drift from the sign-in's: so the enrolment uses the settings of the
 * card step that signed this session in, and otherwise those of the first card step in the browser flow that
 * serves the client. A realm with neither has no card rules, and then no card can be enrolled.
 */
final class EnrolmentSettings {

    private static final String NOTE = "staffcard.settings";

    private EnrolmentSettings() {
    }

    /** Called by a browser card step that completed, so the enrolment that may follow uses the same settings. */
    static void remember(AuthenticationSessionModel authSession, AuthenticatorConfigModel settings) {
        if (settings != null) {
            authSession.setAuthNote(NOTE, settings.getId());
        }
    }

    static Optional<AuthenticatorConfigModel> find(RealmModel realm, AuthenticationSessionModel authSession) {
        String remembered = authSession.getAuthNote(NOTE);
        if (remembered != null) {
            AuthenticatorConfigModel settings = realm.getAuthenticatorConfigById(remembered);
            if (settings != null) {
                return Optional.of(settings);
            }
        }
        AuthenticationFlowModel flow = browserFlow(realm, authSession.getClient());
        return flow == null ? Optional.empty() : firstCardStep(realm, flow, new HashSet<>());
    }

    private static AuthenticationFlowModel browserFlow(RealmModel realm, ClientModel client) {
        String override = client == null ? null
                : client.getAuthenticationFlowBindingOverride(AuthenticationFlowBindings.BROWSER_BINDING);
        AuthenticationFlowModel flow = override == null ? null : realm.getAuthenticationFlowById(override);
        return flow != null ? flow : realm.getBrowserFlow();
    }

    /** Depth first, in the flow's order; {@code seen} guards against a flow that includes itself. */
    private static Optional<AuthenticatorConfigModel> firstCardStep(RealmModel realm, AuthenticationFlowModel flow,
                                                                    Set<String> seen) {
        if (!seen.add(flow.getId())) {
            return Optional.empty();
        }
        for (AuthenticationExecutionModel execution : realm.getAuthenticationExecutionsStream(flow.getId()).toList()) {
            if (execution.isDisabled()) {
                continue;
            }
            if (execution.isAuthenticatorFlow()) {
                AuthenticationFlowModel subFlow = realm.getAuthenticationFlowById(execution.getFlowId());
                Optional<AuthenticatorConfigModel> found = subFlow == null ? Optional.empty()
                        : firstCardStep(realm, subFlow, seen);
                if (found.isPresent()) {
                    return found;
                }
            } else if (isCardStep(execution) && execution.getAuthenticatorConfig() != null) {
                AuthenticatorConfigModel settings = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
                if (settings != null) {
                    return Optional.of(settings);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isCardStep(AuthenticationExecutionModel execution) {
        return CardPasswordAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator())
                || CardOnlyAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator());
    }
}
