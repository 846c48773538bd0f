package org.staffcard.authenticator;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells whether a client may sign devices in with a card: it must exist, be enabled, allow direct grants and have
 * its direct grant flow overridden by a flow that runs the card direct-grant authenticator. A challenge is never
 * issued to any other client, so a stray client id cannot fill the single-use store with challenges nobody can use.
 */
final class DeviceClients {

    /** Client ids in Keycloak are at most 255 characters; anything longer is not looked up. */
    static final int MAX_CLIENT_ID_CHARS = 255;

    private DeviceClients() {
    }

    sealed interface Lookup {
        record Device(ClientModel client, DeviceSignInLevel level) implements Lookup {
        }

        /** Unknown, disabled, or not set up for card devices; {@code reason} is for the admin log only. */
        record Refused(String reason) implements Lookup {
        }
    }

    static Lookup find(RealmModel realm, String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_CHARS) {
            return new Lookup.Refused("no usable client_id");
        }
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            return new Lookup.Refused("no such client");
        }
        if (!client.isEnabled()) {
            return new Lookup.Refused("the client is disabled");
        }
        if (!client.isDirectAccessGrantsEnabled()) {
            return new Lookup.Refused("the client does not allow direct access grants");
        }
        if (!runsCardDirectGrant(realm, client)) {
            return new Lookup.Refused("the client's direct grant flow does not run '"
                    + CardDirectGrantAuthenticatorFactory.PROVIDER_ID + "'");
        }
        return new Lookup.Device(client, DeviceSignInLevel.of(client));
    }

    /** Looks through the overriding flow and its sub-flows; a loop in a broken flow definition is cut off. */
    private static boolean runsCardDirectGrant(RealmModel realm, ClientModel client) {
        String flowId = client.getAuthenticationFlowBindingOverride(AuthenticationFlowBindings.DIRECT_GRANT_BINDING);
        AuthenticationFlowModel flow = flowId == null ? null : realm.getAuthenticationFlowById(flowId);
        if (flow == null) {
            return false;
        }
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.push(flow.getId());
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            for (AuthenticationExecutionModel execution
                    : realm.getAuthenticationExecutionsStream(current).filter(e -> !e.isDisabled()).toList()) {
                if (CardDirectGrantAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator())) {
                    return true;
                }
                if (execution.isAuthenticatorFlow() && execution.getFlowId() != null) {
                    pending.push(execution.getFlowId());
                }
            }
        }
        return false;
    }
}
